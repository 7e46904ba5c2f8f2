using ServiceManager.Platform;

namespace ServiceManager.Monitoring.Health;

/// <summary>
/// <c>exec:COMMAND</c>: runs <c>/bin/sh -c COMMAND</c> in a session of its own; exit code 0 is healthy. On timeout the
/// whole process group is killed, so a hung <c>curl | grep</c> leaves nothing behind.
/// </summary>
public sealed class ExecHealthProbe : IHealthProbe
{
    /// <summary>Enough of the output to say why a check failed, small enough for a status line.</summary>
    private const int OutputTailBytes = 200;

    private static readonly TimeSpan ReapGrace = TimeSpan.FromSeconds(5);

    private readonly IProcessSpawner _spawner;
    private readonly SpawnRequest _request;

    /// <param name="environment">The complete environment of the command (nothing is inherited implicitly).</param>
    public ExecHealthProbe(
        IProcessSpawner spawner, string command, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(spawner);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        _spawner = spawner;
        _request = new SpawnRequest("/bin/sh", ["-c", command], environment, workingDirectory);
        Endpoint = HealthProbeFactory.ExecPrefix + command;
    }

    public string Endpoint { get; }

    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var output = new OutputTail(OutputTailBytes);
        IChildProcess child;
        try
        {
            child = _spawner.Spawn(_request, output);
        }
        catch (SpawnException e)
        {
            return ProbeResult.Unhealthy(e.Message);
        }

        using (child)
        {
            ChildExit exit;
            try
            {
                exit = await child.Exited.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                child.SignalGroup(SignalNames.SIGKILL);
                // SIGKILL cannot be caught, so this returns as soon as the kernel has killed the shell and the caller
                // knows the probe's process is gone. The bound only guards against a spawner that was disposed first
                // (it then reaps nothing), so a daemon shutdown cannot hang here.
                await Task.WhenAny(child.Exited, Task.Delay(ReapGrace, CancellationToken.None));
                throw;
            }
            // Background jobs the command left in its group would pile up, one set per interval.
            child.SignalGroup(SignalNames.SIGKILL);

            var text = output.Text();
            var detail = text.Length == 0 ? exit.ToString() : $"{exit}: {text}";
            return exit.IsSuccess ? ProbeResult.Healthy(detail) : ProbeResult.Unhealthy(detail);
        }
    }
}
