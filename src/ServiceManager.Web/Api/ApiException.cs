namespace ServiceManager.Web.Api;

/// <summary>A request the web front end refuses itself (bad body, bad query, unknown route), with its HTTP status
/// and the JSON-RPC code that goes into the error body.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int status, int code, string message) : base(message)
    {
        Status = status;
        Code = code;
    }

    public ApiException() { }

    public ApiException(string message) : base(message) { }

    public ApiException(string message, Exception inner) : base(message, inner) { }

    public int Status { get; }

    public int Code { get; }
}
