namespace ServiceManager.Platform;

/// <summary>How a child ended: an exit code, or the signal that killed it.</summary>
public sealed record ChildExit(int? Code, int? Signal)
{
    /// <summary>When its supervisor heard of the exit, on the supervisor's clock; the spawner leaves it unset.</summary>
    public DateTimeOffset At { get; init; }

    public bool IsSuccess => Code == 0;

    public override string ToString() => Signal is { } s ? $"signal {SignalNames.Name(s)}" : $"exit code {Code}";
}
