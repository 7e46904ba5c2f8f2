using ServiceManager.Config.Model;
using ServiceManager.Config.Tests.Support;

namespace ServiceManager.Config.Tests;

/// <summary><c>svcmgr start -- CMD</c>: names, ports, how the port reaches the command, environment, errors.</summary>
public sealed class AdHocTests : IDisposable
{
    private static readonly Dictionary<string, string> _noEnv = [];
    private readonly TempDir _dir = new();
    private readonly string _cwd;

    public AdHocTests() => _cwd = Directory.CreateDirectory(Path.Combine(_dir.Path, "My API")).FullName;

    private InstanceDefinition Run(
        string[] command,
        IReadOnlyCollection<InstanceDefinition>? existing = null,
        Func<int, bool>? inUse = null,
        DaemonSettings? daemon = null,
        string? name = null,
        int? port = null,
        Dictionary<string, string>? env = null,
        string? envFile = null) =>
        ConfigLoader.CreateAdHoc(
            ServicesConfig.Empty with { Daemon = daemon ?? DaemonSettings.Default },
            new AdHocRequest(command, _cwd) { Name = name, Port = port, Environment = env ?? [], EnvFile = envFile },
            existing ?? [],
            _noEnv,
            inUse ?? (_ => false));

    private IReadOnlyList<ConfigError> Errors(Func<InstanceDefinition> act) => act.Should().Throw<ConfigException>().Which.Errors;

    [Fact]
    public void Python_http_server_gets_port_8000_appended_and_a_name_from_the_directory_and_the_module()
    {
        var d = Run(["python3", "-m", "http.server"]);

        d.Id.Should().Be("my-api-http-8000");
        d.Port.Should().Be(8000);
        d.Command.Should().Equal("python3", "-m", "http.server", "8000");
        d.Environment.Should().Contain("PORT", "8000").And.Contain("SVCMGR_INSTANCE", "my-api-http-8000").And.Contain("SVCMGR_TEMPLATE", "");
        d.WorkingDirectory.Should().Be(_cwd);
        d.Origin.Should().Be(InstanceOrigin.Run);
        d.Restart.Should().Be(RestartSettings.Default);
        d.Stop.Should().Be(StopSettings.Default);
    }

    [Fact]
    public void A_taken_or_busy_port_moves_the_server_to_the_next_free_one_and_the_name_follows()
    {
        var first = Run(["python3", "-m", "http.server"]);
        var busy = new HashSet<int> { 8001 };

        var second = Run(["python3", "-m", "http.server"], existing: [first], inUse: busy.Contains);

        second.Port.Should().Be(8002, "8000 belongs to an instance and 8001 is held by some other process");
        second.Id.Should().Be("my-api-http-8002");
        second.Command[^1].Should().Be("8002");
    }

    [Fact]
    public void A_command_that_is_no_server_gets_no_port()
    {
        var d = Run(["sleep", "100"]);

        d.Id.Should().Be("my-api-sleep");
        d.Port.Should().BeNull();
        d.Environment.Should().NotContainKey("PORT");
        d.Command.Should().Equal("sleep", "100");
    }

    [Fact]
    public void Taken_names_get_a_number()
    {
        var one = Run(["sleep", "1"]);
        var two = Run(["sleep", "1"], existing: [one]);
        var three = Run(["sleep", "1"], existing: [one, two]);

        (one.Id, two.Id, three.Id).Should().Be(("my-api-sleep", "my-api-sleep-2", "my-api-sleep-3"));
    }

    [Theory]
    [InlineData(new[] { "node", "server.js" }, "server-3000", 3000)]
    [InlineData(new[] { "/usr/bin/node", "src/index.mjs" }, "index-3000", 3000)]
    [InlineData(new[] { "npm", "run", "dev" }, "npm-dev-3000", 3000)]
    [InlineData(new[] { "npm", "start" }, "npm-start-3000", 3000)]
    [InlineData(new[] { "flask", "run" }, "flask-5000", 5000)]
    [InlineData(new[] { "python3", "app.py" }, "app", null)]
    [InlineData(new[] { "sh", "-c", "echo hi; sleep 9" }, "sh", null)]
    [InlineData(new[] { "./Bin/My Tool!", "x" }, "my-tool", null)]
    public void Names_say_what_runs(string[] command, string suffix, int? port)
    {
        var d = Run(command);

        d.Id.Should().Be("my-api-" + suffix);
        d.Port.Should().Be(port);
    }

    [Fact]
    public void Generated_names_are_valid_ids_even_from_odd_directories_and_long_commands()
    {
        var odd = Directory.CreateDirectory(Path.Combine(_dir.Path, "..Ünïcode  DIR__")).FullName;
        var d = ConfigLoader.CreateAdHoc(ServicesConfig.Empty, new AdHocRequest([new string('x', 200)], odd), [], _noEnv);

        d.Id.Should().MatchRegex("^[a-z0-9][a-z0-9._-]{0,62}$");
        d.Id.Should().StartWith("n-code-dir-xxx");
    }

    [Fact]
    public void Node_gets_its_port_only_as_PORT_and_flask_as_an_option()
    {
        Run(["node", "server.js"]).Command.Should().Equal("node", "server.js");
        Run(["node", "server.js"]).Environment["PORT"].Should().Be("3000");
        Run(["flask", "run"]).Command.Should().Equal("flask", "run", "--port", "5000");
    }

    [Fact]
    public void A_port_in_the_command_is_the_instance_port_and_nothing_is_appended()
    {
        var d = Run(["python3", "-m", "http.server", "9123", "--bind", "127.0.0.1"]);
        d.Port.Should().Be(9123);
        d.Command.Should().Equal("python3", "-m", "http.server", "9123", "--bind", "127.0.0.1");

        var flask = Run(["flask", "run", "--port=5055"]);
        flask.Port.Should().Be(5055);
        flask.Command.Should().Equal("flask", "run", "--port=5055");
    }

    [Fact]
    public void Explicit_port_is_passed_the_pattern_way_and_port_placeholders_are_filled()
    {
        Run(["python3", "-m", "http.server"], port: 9001).Command.Should().Equal("python3", "-m", "http.server", "9001");

        var placeholder = Run(["my-server", "--listen", "127.0.0.1:{port}", "--name", "{name}"], name: "svc");
        placeholder.Port.Should().Be(8000, "{port} asks for a port from the daemon's default range");
        placeholder.Command.Should().Equal("my-server", "--listen", "127.0.0.1:8000", "--name", "svc");
    }

    [Fact]
    public void Port_requests_that_conflict_are_errors_with_distinct_keys()
    {
        var owner = Run(["sleep", "1"], port: 9100);

        Errors(() => Run(["sleep", "1"], existing: [owner], port: 9100)).Single().Should().Match<ConfigError>(e =>
            e.Key == "port" && e.Message == "port 9100 is already used by instance 'my-api-sleep-9100'");
        Errors(() => Run(["sleep", "1"], port: 9200, inUse: p => p == 9200)).Single().Key.Should().Be("port");
        Errors(() => Run(["python3", "-m", "http.server", "9000"], port: 9001)).Single().Should().Match<ConfigError>(e =>
            e.Key == "port_args" && e.Message.Contains("--port says 9001") && e.Message.Contains("the command says 9000"));
        Errors(() => Run(["sleep", "1"], port: 70000)).Single().Key.Should().Be("port_args");
    }

    [Fact]
    public void No_free_port_is_a_port_error()
    {
        var daemon = DaemonSettings.Default with { DefaultPortRange = new PortRange(9300, 9302) };
        var error = Errors(() => Run(["srv", "{port}"], daemon: daemon, inUse: _ => true)).Single();

        error.Key.Should().Be("port");
        error.Message.Should().Contain("no free port in 9300-9302");
    }

    [Fact]
    public void User_patterns_win_over_built_in_ones_and_can_be_prefixes_or_regular_expressions()
    {
        var daemon = DaemonSettings.Default with
        {
            PortPatterns = [new PortPattern("node", 4000, "--listen {port}"), new PortPattern(@"^java .*-jar \S*keycloak", 8180, null)],
        };

        var node = Run(["/opt/node/bin/node", "app.js"], daemon: daemon);
        node.Port.Should().Be(4000);
        node.Command.Should().Equal("/opt/node/bin/node", "app.js", "--listen", "4000");
        Run(["java", "-Xmx1g", "-jar", "/srv/keycloak.jar"], daemon: daemon).Port.Should().Be(8180);
        Run(["nodejs", "app.js"], daemon: daemon).Port.Should().BeNull("a prefix matches whole words only");
    }

    [Fact]
    public void One_word_with_spaces_is_split_like_a_command_line_and_leading_assignments_are_environment()
    {
        var d = Run(["DEBUG=1 PORT=7005 node 'my server.js'"]);

        d.Command.Should().Equal("node", "my server.js");
        d.Environment.Should().Contain("DEBUG", "1");
        d.Port.Should().Be(7005, "PORT=7005 asks for that port");

        Errors(() => Run(["python3 -m http.server | tee log"])).Single().Key.Should().Be("command");
        Run(["A=1", "env"]).Environment.Should().Contain("A", "1");
    }

    [Fact]
    public void Env_values_get_placeholders_and_bad_names_are_errors()
    {
        var d = Run(["python3", "-m", "http.server"], env: new() { ["URL"] = "http://localhost:{port}/", ["PLAIN"] = "$HOME {x}" });
        d.Environment["URL"].Should().Be("http://localhost:8000/");
        d.Environment["PLAIN"].Should().Be("$HOME {x}", "only {port} and {name} are filled in");

        Errors(() => Run(["sleep", "1"], env: new() { ["1BAD"] = "x" })).Single().Key.Should().Be("env");
    }

    [Fact]
    public void Names_and_directories_are_checked()
    {
        Errors(() => Run(["sleep", "1"], name: "Bad Name")).Single().Key.Should().Be("name");
        var taken = Run(["sleep", "1"], name: "web");
        Errors(() => Run(["sleep", "1"], name: "web", existing: [taken])).Single().Message.Should().Contain("already exists");

        var missing = () => ConfigLoader.CreateAdHoc(ServicesConfig.Empty, new AdHocRequest(["sleep", "1"], "/no/such/dir"), [], _noEnv);
        Errors(missing).Single().Key.Should().Be("cwd");
        Errors(() => Run([])).Single().Key.Should().Be("command");
    }

    [Fact]
    public void An_env_file_is_checked_now_kept_by_path_and_its_errors_name_file_and_line()
    {
        var good = _dir.Write("good.env", "export A=1\nB='two words'\n");
        var d = Run(["sleep", "1"], envFile: good);
        d.EnvFile.Should().Be(good);
        d.Environment.Should().NotContainKey("A", "the file is read again at every start, its values are not copied");

        var relative = Run(["sleep", "1"], envFile: "../good.env");
        relative.EnvFile.Should().Be(good, "a relative path is relative to the working directory");

        var bad = _dir.Write("bad.env", "OK=1\nSECRET=\"s3cr3t\" trailing\n");
        var error = Errors(() => Run(["sleep", "1"], envFile: bad)).Single();
        error.ToString().Should().StartWith($"{bad}:2:8: SECRET: unexpected text after the closing quote");
        error.ToString().Should().NotContain("s3cr3t").And.NotContain("trailing", "values never appear in messages");

        Errors(() => Run(["sleep", "1"], envFile: Path.Combine(_dir.Path, "absent.env"))).Single().Key.Should().Be("env_file");
    }

    public void Dispose() => _dir.Dispose();
}
