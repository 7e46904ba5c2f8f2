using Serilog;
using Serilog.Core;
using Serilog.Events;
using ServiceManager.Platform.Unix;
using ServiceManager.Protocol;

namespace ServiceManager.Daemon.Hosting;

/// <summary>
/// The daemon's own log (not its children's): <c>daemon.log</c> in the state directory, and stderr — unless stderr
/// already is that file, as for a daemon a CLI started in the background: then every line would be there twice.
/// </summary>
internal static class DaemonLogging
{
    public static Logger Create(DaemonPaths paths)
    {
        var file = paths.DaemonLogFile;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .WriteTo.File(
                file,
                outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}",
                fileSizeLimitBytes: 10 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: 5);
        if (!OpenFiles.IsFile(2, file))
            configuration.WriteTo.Console(
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "{Timestamp:HH:mm:ss.fff} [{Level:u3}] {Message:lj}{NewLine}{Exception}");
        return configuration.CreateLogger();
    }
}
