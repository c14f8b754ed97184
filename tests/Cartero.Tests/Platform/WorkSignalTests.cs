using Cartero.Features.Invoicing;
using Cartero.Features.Sending;
using Cartero.Platform;
using Cartero.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cartero.Tests.Platform;

public sealed class WorkSignalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Notifying_several_waiters_wakes_that_many_and_no_more()
    {
        var signal = new WorkSignal();
        signal.Notify(3);
        signal.Notify(2);

        Assert.True(await signal.WaitAsync(TimeSpan.Zero, Ct));
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, Ct));
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, Ct));
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, Ct));
    }

    [Fact]
    public async Task Repeated_notifications_before_a_wait_wake_it_once()
    {
        var signal = new WorkSignal();
        Parallel.For(0, 100, _ => signal.Notify());

        Assert.True(await signal.WaitAsync(TimeSpan.Zero, Ct));
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, Ct));
    }

    [Fact]
    public async Task A_waiting_loop_is_woken_by_a_later_notification()
    {
        var signal = new WorkSignal();
        var waiting = signal.WaitAsync(Timeout.InfiniteTimeSpan, Ct);
        Assert.False(waiting.IsCompleted);

        signal.Notify();

        Assert.True(await waiting);
    }

    [Fact]
    public async Task Mail_and_invoices_each_have_their_own_signal()
    {
        await using var app = new CarteroAppFactory();
        var mail = app.Services.GetRequiredKeyedService<WorkSignal>(SendingModule.WorkSignalKey);
        var invoices = app.Services.GetRequiredKeyedService<WorkSignal>(InvoicingModule.WorkSignalKey);

        Assert.NotSame(mail, invoices);
        Assert.Same(mail, app.Services.GetRequiredKeyedService<WorkSignal>(SendingModule.WorkSignalKey));
    }
}
