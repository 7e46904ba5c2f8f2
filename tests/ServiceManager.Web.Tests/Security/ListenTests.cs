using System.Net;

namespace ServiceManager.Web.Tests.Security;

/// <summary>Loopback by default; beyond it only with a token.</summary>
public sealed class ListenTests
{
    [Fact]
    public async Task Listening_beyond_loopback_without_a_token_is_refused_with_exit_64_saying_why()
    {
        using var home = new TestHome();

        var result = await WebProcess.RunToExitAsync(home.Path, "--listen", "0.0.0.0:0");

        result.ExitCode.Should().Be(64, result.ToString());
        result.Stderr.Should().Contain("without a token").And.Contain("--token-file");
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("127.0.0.1:99999")]
    [InlineData("example.com:8767")]
    [InlineData("::1:8767")]
    public async Task A_bad_listen_address_is_a_usage_error(string listen)
    {
        using var home = new TestHome();

        var result = await WebProcess.RunToExitAsync(home.Path, "--listen", listen);

        result.ExitCode.Should().Be(64, result.ToString());
        result.Stderr.Should().Contain("--listen");
    }

    [Fact]
    public async Task A_short_or_missing_token_file_is_a_usage_error()
    {
        using var home = new TestHome();
        var shortToken = Path.Combine(home.Path, "short.token");
        await File.WriteAllTextAsync(shortToken, "abc\n");

        var tooShort = await WebProcess.RunToExitAsync(home.Path, "--token-file", shortToken);
        var missing = await WebProcess.RunToExitAsync(home.Path, "--token-file", Path.Combine(home.Path, "none"));

        tooShort.ExitCode.Should().Be(64);
        tooShort.Stderr.Should().Contain("at least 16");
        missing.ExitCode.Should().Be(64);
        missing.Stderr.Should().Contain("cannot read");
    }

    [Fact]
    public async Task With_a_token_it_listens_on_every_interface_and_still_checks_the_host()
    {
        using var home = new TestHome();
        home.WriteConfig("");
        await using var daemon = await DaemonProcess.StartAsync(home.Path);
        var tokenFile = Path.Combine(home.Path, "web.token");
        await File.WriteAllTextAsync(tokenFile, "0123456789abcdef0123456789abcdef");
        await using var web = await WebProcess.StartAsync(home.Path, "--listen", "0.0.0.0:0", "--token-file", tokenFile);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{web.BaseUri.Port}/") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "0123456789abcdef0123456789abcdef");

        (await Json.GetAsync(http, "/api/health")).Status.Should().Be(HttpStatusCode.OK);
        using var rebinding = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        rebinding.Headers.Host = "attacker.example";
        (await http.SendAsync(rebinding)).StatusCode.Should().Be(HttpStatusCode.MisdirectedRequest);
    }
}
