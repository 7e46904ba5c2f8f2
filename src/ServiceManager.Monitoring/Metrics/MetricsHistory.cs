namespace ServiceManager.Monitoring.Metrics;

/// <summary>The last <see cref="Capacity"/> samples of one instance, oldest first; thread-safe. A fixed ring: adding
/// never allocates.</summary>
public sealed class MetricsHistory
{
    private readonly Lock _gate = new();
    private readonly MetricsSample[] _ring;
    private int _next;
    private int _count;

    public MetricsHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new MetricsSample[capacity];
    }

    public int Capacity => _ring.Length;

    public int Count
    {
        get
        {
            lock (_gate) return _count;
        }
    }

    public void Add(MetricsSample sample)
    {
        lock (_gate)
        {
            _ring[_next] = sample;
            _next = (_next + 1) % _ring.Length;
            if (_count < _ring.Length) _count++;
        }
    }

    public bool TryGetLatest(out MetricsSample sample)
    {
        lock (_gate)
        {
            sample = _count == 0 ? default : _ring[(_next - 1 + _ring.Length) % _ring.Length];
            return _count > 0;
        }
    }

    /// <summary>A copy, oldest first.</summary>
    public MetricsSample[] ToArray()
    {
        lock (_gate)
        {
            var copy = new MetricsSample[_count];
            var start = (_next - _count + _ring.Length) % _ring.Length;
            for (var i = 0; i < _count; i++)
                copy[i] = _ring[(start + i) % _ring.Length];
            return copy;
        }
    }
}
