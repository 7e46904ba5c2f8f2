namespace ServiceManager.Mcp.Tools;

/// <summary>The model called a tool with arguments that cannot work; the message says what to send instead.</summary>
public sealed class ToolInputException : Exception
{
    public ToolInputException() { }

    public ToolInputException(string message) : base(message) { }

    public ToolInputException(string message, Exception inner) : base(message, inner) { }
}
