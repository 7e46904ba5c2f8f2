using System.Reflection;
using System.Text.Json;
using ServiceManager.Daemon.Rpc;
using ServiceManager.Protocol;
using StreamJsonRpc;

namespace ServiceManager.Daemon.Tests.Rpc;

/// <summary>
/// The contract clients call (<see cref="RpcContract"/>) and the handlers StreamJsonRpc dispatches to
/// (<see cref="IServiceManagerRpc"/>, as its generated shape describes it) cannot drift apart.
/// </summary>
public sealed class RpcContractTests
{
    private static readonly RpcTargetMetadata Handlers = RpcTargetMetadata.FromShape<IServiceManagerRpc>();

    private static IEnumerable<RpcTargetMetadata.TargetMethodMetadata> AllHandlers =>
        Handlers.Methods.SelectMany(m => m.Value).Concat(Handlers.AliasedMethods.SelectMany(m => m.Value));

    public static TheoryData<string> MethodNames => [.. RpcContract.Methods.Select(m => m.Name)];

    [Fact]
    public void Every_method_of_the_contract_is_listed_once()
    {
        var declared = typeof(RpcContract).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType.IsAssignableTo(typeof(ServiceManager.Protocol.RpcMethod)))
            .Select(p => (ServiceManager.Protocol.RpcMethod)p.GetValue(null)!);

        RpcContract.Methods.Should().BeEquivalentTo(declared).And.OnlyHaveUniqueItems(m => m.Name);
    }

    [Fact]
    public void Every_handler_belongs_to_a_method_of_the_contract() =>
        AllHandlers.Select(h => h.Name).Should().BeSubsetOf(RpcContract.Methods.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(MethodNames))]
    public void Each_method_has_one_handler_taking_its_params_and_returning_its_result(string name)
    {
        var method = RpcContract.Methods.Single(m => m.Name == name);

        var handler = AllHandlers.Should().ContainSingle(h => h.Name == name).Subject;
        handler.Attribute!.UseSingleObjectParameterDeserialization.Should().BeTrue("params are one named object, read into the method's record");
        var parameters = handler.MethodInfo.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken)).ToList();
        parameters.Should().ContainSingle().Which.ParameterType.Should().Be(method.ParamsType);
        handler.MethodInfo.ReturnType.Should().Be(typeof(Task<>).MakeGenericType(method.ResultType));
    }

    [Theory]
    [MemberData(nameof(MethodNames))]
    public void Params_may_be_left_out_exactly_when_an_empty_object_is_valid_params(string name)
    {
        var method = RpcContract.Methods.Single(m => m.Name == name);
        var handler = AllHandlers.Single(h => h.Name == name);
        var parameter = handler.MethodInfo.GetParameters().Single(p => p.ParameterType != typeof(CancellationToken));

        parameter.HasDefaultValue.Should().Be(EmptyObjectIsValid(method.ParamsType));
    }

    [Theory]
    [InlineData("status", """{"name":"web-1","pad":1}""")]
    [InlineData("status", """{"Name":"web-1"}""")]
    [InlineData("status", """{"showEnv":true}""")]
    [InlineData("status", """{"name":5}""")]
    [InlineData("start", """{"names":["a"],"all":null}""")]
    [InlineData("ping", """{"pad":1}""")]
    [InlineData("run", """{"name":"x"}""")]
    public void The_daemon_reads_params_strictly(string name, string json)
    {
        var method = RpcContract.Methods.Single(m => m.Name == name);

        var read = () => JsonSerializer.Deserialize(json, WireFormatter.CreateOptions().GetTypeInfo(method.ParamsType));

        read.Should().Throw<JsonException>("an unknown, misspelt, missing or mistyped param is -32602");
    }

    private static bool EmptyObjectIsValid(Type paramsType)
    {
        try
        {
            JsonSerializer.Deserialize("{}", WireFormatter.CreateOptions().GetTypeInfo(paramsType));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
