using Microsoft.Extensions.Logging;

namespace Cartero.Tests.Infrastructure;

/// <summary>
/// Counts the database commands EF Core executes inside <see cref="Measure"/>, on that async flow only, so background
/// services of the same host do not add to the count. Needs <c>Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command</c>
/// at Information (see <see cref="Setting"/>).
/// </summary>
public sealed class CommandCounter : ILoggerProvider
{
    public const string Setting = "Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command";

    // EF Core's RelationalEventId.CommandExecuted.
    private const int CommandExecuted = 20101;

    private readonly AsyncLocal<StrongBox?> _current = new();

    public async Task<int> Measure(Func<Task> work)
    {
        var box = new StrongBox();
        _current.Value = box;
        try
        {
            await work();
        }
        finally
        {
            _current.Value = null;
        }

        return box.Count;
    }

    public ILogger CreateLogger(string categoryName) =>
        categoryName == "Microsoft.EntityFrameworkCore.Database.Command" ? new Counting(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class StrongBox
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    private sealed class Counting(CommandCounter owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == CommandExecuted)
            {
                owner._current.Value?.Add();
            }
        }
    }
}
