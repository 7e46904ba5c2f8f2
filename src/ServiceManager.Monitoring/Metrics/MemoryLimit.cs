using ServiceManager.Config.Model;
using ServiceManager.Text;

namespace ServiceManager.Monitoring.Metrics;

/// <summary>
/// Decides when an instance's tree RSS is over its <c>max_memory</c>. The supervisor feeds it each new sample of a
/// run and restarts the instance on a verdict; it does not act itself.
/// </summary>
/// <remarks>
/// By default one sample over the limit is enough (pm2's <c>max_memory_restart</c> behaves the same): a service over
/// its budget is restarted at the next sample. <see cref="SamplesRequired"/> > 1 tolerates short spikes instead.
/// </remarks>
public sealed class MemoryLimit
{
    private int _over;

    public MemoryLimit(long maxBytes, int samplesRequired = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesRequired, 1);
        MaxBytes = maxBytes;
        SamplesRequired = samplesRequired;
    }

    public long MaxBytes { get; }

    /// <summary>Consecutive samples over the limit before a verdict.</summary>
    public int SamplesRequired { get; }

    /// <summary>The limit of an instance, or null when it has no <c>max_memory</c>.</summary>
    public static MemoryLimit? For(InstanceDefinition definition, int samplesRequired = 1)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.MaxMemoryBytes is { } max ? new MemoryLimit(max, samplesRequired) : null;
    }

    /// <summary>Takes the next sample of the current run; a verdict once the limit has been exceeded often enough in a
    /// row, else null. A sample at or under the limit starts the count again.</summary>
    public MemoryLimitVerdict? Observe(in InstanceMetrics metrics)
    {
        if (metrics.RssBytes <= MaxBytes)
        {
            _over = 0;
            return null;
        }
        if (++_over < SamplesRequired) return null;

        var processes = metrics.Processes == 1 ? "1 process" : $"{metrics.Processes} processes";
        var spell = SamplesRequired == 1 ? "" : $", {_over} samples in a row";
        return new MemoryLimitVerdict(
            metrics.RssBytes,
            MaxBytes,
            // "by": sizes are shown to three digits, and a slow leak is caught just over the limit (500M over 500M).
            $"memory {HumanText.Bytes(metrics.RssBytes)} exceeds max_memory {HumanText.Bytes(MaxBytes)} by {HumanText.Bytes(metrics.RssBytes - MaxBytes)} ({processes}{spell})");
    }

    /// <summary>Forgets the count (a new run started).</summary>
    public void Reset() => _over = 0;
}
