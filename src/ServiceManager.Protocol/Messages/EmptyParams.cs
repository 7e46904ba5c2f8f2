namespace ServiceManager.Protocol.Messages;

/// <summary>The <c>{}</c> params of methods that take none.</summary>
public sealed record EmptyParams
{
    public static EmptyParams Instance { get; } = new();
}
