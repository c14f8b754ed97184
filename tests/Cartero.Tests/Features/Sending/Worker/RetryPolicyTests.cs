using Cartero.Features.Sending;
using Cartero.Features.Sending.Worker;
using Microsoft.Extensions.Options;

namespace Cartero.Tests.Features.Sending.Worker;

public sealed class RetryPolicyTests
{
    private static RetryPolicy Policy(double jitter = 0.2) => new(Options.Create(new SendingOptions
    {
        Retry = new RetryOptions { MaxAttempts = 5, BaseDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromMinutes(10), Jitter = jitter },
    }));

    [Fact]
    public void Delays_double_per_attempt_within_the_jitter_band()
    {
        var policy = Policy();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var expected = 30 * Math.Pow(2, attempt - 1);
            for (var i = 0; i < 200; i++)
            {
                var delay = policy.DelayAfter(attempt).TotalSeconds;
                Assert.InRange(delay, expected * 0.8 - 0.001, expected * 1.2 + 0.001);
            }
        }
    }

    [Fact]
    public void Jitter_spreads_delays()
    {
        var policy = Policy();
        var distinct = Enumerable.Range(0, 50).Select(_ => policy.DelayAfter(2)).Distinct().Count();
        Assert.True(distinct > 10);
    }

    [Fact]
    public void Delays_are_capped_and_a_provider_request_is_honoured()
    {
        var policy = Policy(jitter: 0);
        Assert.Equal(TimeSpan.FromMinutes(10), policy.DelayAfter(30));
        Assert.Equal(TimeSpan.FromMinutes(5), policy.DelayAfter(1, TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayAfter(1, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Attempts_stop_at_the_configured_maximum()
    {
        var policy = Policy();
        Assert.True(policy.ShouldRetry(4));
        Assert.False(policy.ShouldRetry(5));
    }
}
