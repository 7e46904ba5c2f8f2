using System.Text.Json.Serialization.Metadata;

namespace ServiceManager.Protocol;

/// <summary>A method of the wire API, untyped: for listing them all (<see cref="RpcContract.Methods"/>).</summary>
public abstract class RpcMethod
{
    private protected RpcMethod(string name) => Name = name;

    /// <summary>The method's name on the wire (<see cref="RpcMethods"/>).</summary>
    public string Name { get; }

    /// <summary>The record the request's <c>params</c> object is read into.</summary>
    public abstract Type ParamsType { get; }

    /// <summary>What the response's <c>result</c> holds.</summary>
    public abstract Type ResultType { get; }

    public override string ToString() => Name;
}

/// <summary>
/// One method of the wire API: its name, its params (one named object, <typeparamref name="TParams"/>) and its result,
/// with their source-generated JSON contracts. Declared once in <see cref="RpcContract"/>; clients call it through
/// <see cref="Client.DaemonClient.InvokeAsync{TParams, TResult}"/> and the daemon's handler of the same name takes
/// <typeparamref name="TParams"/> and returns <typeparamref name="TResult"/> (a test holds the two together).
/// </summary>
public sealed class RpcMethod<TParams, TResult> : RpcMethod
{
    internal RpcMethod(string name, JsonTypeInfo<TParams> parameters, JsonTypeInfo<TResult> result)
        : base(name)
    {
        Params = parameters;
        Result = result;
    }

    public JsonTypeInfo<TParams> Params { get; }

    public JsonTypeInfo<TResult> Result { get; }

    public override Type ParamsType => typeof(TParams);

    public override Type ResultType => typeof(TResult);
}
