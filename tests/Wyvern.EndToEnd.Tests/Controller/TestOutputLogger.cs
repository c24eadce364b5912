using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Wyvern.EndToEnd.Tests.Controller;

/// <summary>Sends a controller's log to the test's output (shown when the test fails), with elapsed time.</summary>
internal sealed class TestOutputLogger(ITestOutputHelper output, string name) : ILogger
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine($"[{Clock.Elapsed.TotalSeconds,7:F3}] {name} {logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output is closed.
        }
    }
}
