namespace ServiceManager.Config.Model;

/// <summary>An inclusive range of TCP ports.</summary>
public sealed record PortRange(int First, int Last)
{
    public bool Contains(int port) => port >= First && port <= Last;
}
