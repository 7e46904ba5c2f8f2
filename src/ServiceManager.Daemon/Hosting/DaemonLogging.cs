using Serilog;
using Serilog.Core;
using Serilog.Events;
using ServiceManager.Protocol;

namespace ServiceManager.Daemon.Hosting;

/// <summary>The daemon's own log (not its children's): <c>daemon.log</c> in the state directory, and stderr.</summary>
internal static class DaemonLogging
{
    public static Logger Create(DaemonPaths paths) =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .WriteTo.File(
                Path.Combine(paths.StateDirectory, "daemon.log"),
                outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}",
                fileSizeLimitBytes: 10 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: 5)
            .WriteTo.Console(
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "{Timestamp:HH:mm:ss.fff} [{Level:u3}] {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
}
