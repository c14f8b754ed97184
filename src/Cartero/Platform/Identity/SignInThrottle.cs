using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Cartero.Platform.Identity;

/// <summary>
/// Progressive delay after failed sign-ins, per account (known or not, so the answer never tells which exist) and per
/// address, instead of a lockout an outsider could use to keep someone out. An attempt during the wait is refused
/// without looking at the password. The counters live in this instance's memory: several instances each keep their
/// own, and a restart forgets them.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInDelayOptions> options, TimeProvider time)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Counter> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _addresses = new(StringComparer.Ordinal);

    /// <summary>How long before <paramref name="account"/> may try again from <paramref name="address"/>; zero when it may now.</summary>
    public TimeSpan WaitFor(string account, string? address)
    {
        var now = time.GetUtcNow();
        var wait = Remaining(_accounts, Key(account), now);
        var byAddress = Remaining(_addresses, address ?? "", now);
        return wait > byAddress ? wait : byAddress;
    }

    /// <summary>Counts a failure of the account and of the address, and says what wait that now imposes (zero while failures are still free).</summary>
    public SignInFailureCount RecordFailure(string account, string? address)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var byAccount = Fail(_accounts, Key(account), now, o.FreeFailuresPerAccount, o.MaxDelayPerAccount, o.ForgetAfter);
        var byAddress = Fail(_addresses, address ?? "", now, o.FreeFailuresPerAddress, o.MaxDelayPerAddress, o.ForgetAfter);
        var until = byAccount.AllowedFrom > byAddress.AllowedFrom ? byAccount.AllowedFrom : byAddress.AllowedFrom;
        return new SignInFailureCount(byAccount.Failures, byAddress.Failures, until > now ? until - now : TimeSpan.Zero);
    }

    /// <summary>A complete sign-in clears the account's failures (not the address's: one good account must not reset guessing at others).</summary>
    public void RecordSuccess(string account) => _accounts.TryRemove(Key(account), out _);

    public static string Key(string account) => account.Trim().ToUpperInvariant();

    private TimeSpan Remaining(ConcurrentDictionary<string, Counter> counters, string key, DateTimeOffset now)
    {
        if (!counters.TryGetValue(key, out var counter))
        {
            return TimeSpan.Zero;
        }

        if (now - counter.LastFailure > options.Value.ForgetAfter)
        {
            counters.TryRemove(key, out _);
            return TimeSpan.Zero;
        }

        return counter.AllowedFrom > now ? counter.AllowedFrom - now : TimeSpan.Zero;
    }

    private static Counter Fail(ConcurrentDictionary<string, Counter> counters, string key, DateTimeOffset now, int free, TimeSpan cap, TimeSpan forget)
    {
        if (counters.Count > MaxEntries)
        {
            foreach (var stale in counters.Where(c => now - c.Value.LastFailure > forget).Select(c => c.Key).ToList())
            {
                counters.TryRemove(stale, out _);
            }
        }

        return counters.AddOrUpdate(key,
            _ => Next(0, now, free, cap),
            (_, old) => Next(now - old.LastFailure > forget ? 0 : old.Failures, now, free, cap));
    }

    private static Counter Next(int previousFailures, DateTimeOffset now, int free, TimeSpan cap)
    {
        var failures = previousFailures + 1;
        if (failures < free)
        {
            return new Counter(failures, now, now);
        }

        // The failure that uses up the free ones waits 1 s, the next 2 s, then 4 s… up to the cap.
        var exponent = Math.Min(failures - free, 30);
        var delay = TimeSpan.FromSeconds(Math.Pow(2, exponent));
        return new Counter(failures, now, now + (delay < cap ? delay : cap));
    }

    private readonly record struct Counter(int Failures, DateTimeOffset LastFailure, DateTimeOffset AllowedFrom);
}
