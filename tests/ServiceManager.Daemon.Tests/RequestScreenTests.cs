using System.Buffers;
using System.Text;
using System.Text.Json;
using ServiceManager.Daemon.Rpc;
using ServiceManager.Protocol;

namespace ServiceManager.Daemon.Tests;

public sealed class RequestScreenTests
{
    private static ScreenVerdict Examine(string line) => RequestScreen.Examine(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(line)));

    private static (int Code, JsonElement Id) Error(ScreenVerdict verdict)
    {
        verdict.Action.Should().Be(ScreenAction.Reply);
        var text = Encoding.UTF8.GetString(verdict.ErrorLine!);
        text.Should().EndWith("\n").And.NotContain("\n\n");
        using var doc = JsonDocument.Parse(text);
        doc.RootElement.GetProperty("jsonrpc").GetString().Should().Be("2.0");
        return (doc.RootElement.GetProperty("error").GetProperty("code").GetInt32(), doc.RootElement.GetProperty("id").Clone());
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping","params":{}}""", true)]
    [InlineData("""{"jsonrpc":"2.0","id":"a","method":"list"}""", true)]
    [InlineData("""{"jsonrpc":"2.0","id":2,"method":"start","params":["x"]}""", true)]
    [InlineData("""{"jsonrpc":"2.0","method":"ping"}""", false)]
    [InlineData("""{"jsonrpc":"2.0","id":-9223372036854775808,"method":"ping"}""", true)]
    public void Well_formed_requests_are_forwarded(string line, bool expectsResponse)
    {
        var verdict = Examine(line);
        verdict.Action.Should().Be(ScreenAction.Forward);
        verdict.ExpectsResponse.Should().Be(expectsResponse);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"jsonrpc\":\"2.0\",")]
    [InlineData("\u0001\u0002binary")]
    public void Lines_that_are_not_json_get_a_parse_error(string line) =>
        Error(Examine(line)).Code.Should().Be(RpcErrorCodes.ParseError);

    [Fact]
    public void A_line_that_is_not_utf8_gets_a_parse_error_even_when_the_bad_bytes_sit_inside_a_string()
    {
        var line = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":7,"method":"?ports","params":{}}""");
        line[Array.IndexOf(line, (byte)'?')] = 0xEA; // a lead byte without its continuation bytes
        Error(RequestScreen.Examine(new ReadOnlySequence<byte>(line))).Code.Should().Be(RpcErrorCodes.ParseError);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":7}""")]
    [InlineData("""{"jsonrpc":"2.0","id":{},"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{}}""")]
    // Found by the fuzz test: a non-string "jsonrpc" threw and closed the connection; an id that is not a 64-bit
    // integer stalled the connection inside StreamJsonRpc.
    [InlineData("""{"jsonrpc":2,"id":1,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":null,"id":1,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1.5,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1e2,"method":"ping"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":99999999999999999999,"method":"ping"}""")]
    public void Malformed_requests_get_invalid_request(string line) =>
        Error(Examine(line)).Code.Should().Be(RpcErrorCodes.InvalidRequest);

    [Fact]
    public void Params_of_the_wrong_kind_get_invalid_params_with_the_request_id()
    {
        var (code, id) = Error(Examine("""{"jsonrpc":"2.0","id":9,"method":"list","params":"x"}"""));
        code.Should().Be(RpcErrorCodes.InvalidParams);
        id.GetInt32().Should().Be(9);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_a_parse_error_not_a_crash()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        Error(Examine(deep)).Code.Should().Be(RpcErrorCodes.ParseError);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r")]
    [InlineData("""{"jsonrpc":"1.0","method":"ping"}""")]
    public void Blank_lines_and_malformed_notifications_get_no_reply(string line) =>
        Examine(line).Action.Should().Be(ScreenAction.Ignore);
}
