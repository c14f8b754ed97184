namespace Cartero.Tests.Infrastructure;

/// <summary>Waits for a condition that background work makes true; fails with a message after a generous limit.</summary>
public static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? limit = null)
    {
        var until = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        T value;
        while (true)
        {
            value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"No se cumplió: {what}. Último valor: {value}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
