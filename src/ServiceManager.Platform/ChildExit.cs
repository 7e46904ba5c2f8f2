namespace ServiceManager.Platform;

/// <summary>How a child ended: an exit code, or the signal that killed it.</summary>
public sealed record ChildExit(int? Code, int? Signal, DateTimeOffset At)
{
    public bool IsSuccess => Code == 0;

    public override string ToString() => Signal is { } s ? $"signal {SignalNames.Name(s)}" : $"exit code {Code}";
}
