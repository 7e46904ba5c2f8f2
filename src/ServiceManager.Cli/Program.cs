using System.CommandLine;
using ServiceManager.Cli;
using ServiceManager.Platform.Unix;

// Before anything starts a process or touches the console: if svcmgr was started with SIGCHLD ignored, the
// runtime would never install its handler and the kernel would reap our children before we see their status.
ChildSignals.EnsureDefaultDisposition();

var parse = CliRoot.Create().Parse(args);
if (parse.Errors.Count > 0) return await ParseErrors.ReportAsync(parse);

// The daemon's generic host handles SIGTERM/SIGINT itself and needs its full grace period to stop children;
// System.CommandLine's own termination handling would cut that short.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
