using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Wyvern.Controller;
using Wyvern.Neutron;
using Wyvern.Northbound;

namespace Wyvern.Cli;

/// <summary>The `wyvern` commands.</summary>
internal static class Commands
{
    /// <summary>All-in-one: store + Neutron API + controller in one process.</summary>
    public static Command Serve()
    {
        var command = new Command("serve", "All-in-one: embedded store, Neutron API and this chassis's controller in one process");
        command.Options.Add(CliOptions.Store);
        command.Options.Add(CliOptions.Urls);
        CliOptions.AddControllerOptions(command);
        command.SetAction((p, ct) => RunApiAsync(p, withController: true, ct));
        return command;
    }

    /// <summary>The Neutron API alone.</summary>
    public static Command Api()
    {
        var command = new Command("api", "The Neutron v2.0 API, writing to the store");
        command.Options.Add(CliOptions.Store);
        command.Options.Add(CliOptions.Urls);
        command.SetAction((p, ct) => RunApiAsync(p, withController: false, ct));
        return command;
    }

    /// <summary>A chassis controller alone.</summary>
    public static Command Controller()
    {
        var command = new Command("controller", "This chassis's local controller: watches the store, programs br-int");
        command.Options.Add(CliOptions.Store);
        CliOptions.AddControllerOptions(command);
        command.SetAction((p, ct) => RunControllerAsync(p, ct));
        return command;
    }

    private static void OneLineLogs(SimpleConsoleFormatterOptions options)
    {
        options.SingleLine = true;
        options.TimestampFormat = "HH:mm:ss.fff ";
    }

    // The controller alone needs no web host: at 10,000 ports a restarted controller's peak is
    // what the memory target is measured on, and the host's assemblies and services
    // are a share of it that serves nothing here.
    private static async Task<int> RunControllerAsync(ParseResult p, CancellationToken ct)
    {
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(OneLineLogs));
        await using var store = OpenStore(p.GetValue(CliOptions.Store)!);
        await using var controller = new ChassisController(store, CliOptions.ControllerOptions(p), loggers.CreateLogger("Wyvern.Controller"));
        try
        {
            await controller.StartAsync(ct);
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        return 0;
    }

    // The Neutron API, with this chassis's controller beside it (serve) or not (api).
    private static async Task<int> RunApiAsync(ParseResult p, bool withController, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.AddSimpleConsole(OneLineLogs);
        builder.WebHost.UseUrls(p.GetValue(CliOptions.Urls)!);
        builder.Services.AddRouting();
        await using var store = OpenStore(p.GetValue(CliOptions.Store)!);
        await using var app = builder.Build();
        app.MapNeutron(store, new NeutronOptions());
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Wyvern.Controller");
        ChassisController? controller = null;
        try
        {
            if (withController)
            {
                controller = new ChassisController(store, CliOptions.ControllerOptions(p), logger);
                await controller.StartAsync(ct);
            }
            await app.RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            if (controller is not null)
            {
                await controller.DisposeAsync();
            }
        }
        return 0;
    }

    private static NbStoreBase OpenStore(string connection)
    {
        if (connection.StartsWith("embedded:", StringComparison.Ordinal))
        {
            var dir = Path.GetDirectoryName(connection["embedded:".Length..]);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
        }
        return NbStoreConnection.Open(connection);
    }
}
