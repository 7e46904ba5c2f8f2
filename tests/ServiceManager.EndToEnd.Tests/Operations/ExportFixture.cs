namespace ServiceManager.EndToEnd.Tests.Operations;

/// <summary>A config for the export tests with what exporters get wrong: spaces, quotes, <c>%</c>, <c>$</c> and
/// backslashes in a command and in environment values, a working directory with a space, a dependency on an instance
/// with a health check, a stop command, a memory limit and non-default policies.</summary>
internal static class ExportFixture
{
    /// <summary>The <c>nasty</c> instance's command as the config resolves it.</summary>
    public const string NastyScript = """printf "%s|" "a b" 100% $HOME "q\"d" \back; echo ${LITERAL}; exec sleep 1000""";

    public const string Greeting = "hello \"world\" 50% $USER \\n";

    public static string Config(string workingDirectory, int dbPort) => """
        [instances.db]
        start_command = "sleep 1000"
        port = DBPORT
        restart = "always"
        stop_signal = "SIGINT"
        stop_timeout = "7s"
        max_restarts_per_minute = 3
        backoff_initial = "1500ms"
        backoff_max = "20s"
        health_endpoint = "tcp://127.0.0.1:{port}"
        health_interval_ms = 2000

        [instances.nasty]
        start_command = ['/bin/sh', '-c', 'printf "%s|" "a b" 100% $HOME "q\"d" \back; echo $${LITERAL}; exec sleep 1000']
        working_dir = "WORKDIR"
        depends_on = ["db"]
        stop_command = "kill -TERM {pid}"
        max_memory = "64M"
        restart = "never"

        [instances.nasty.env]
        GREETING = 'hello "world" 50% $USER \n'
        SPACED = "a  b"
        """.Replace("DBPORT", dbPort.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("WORKDIR", workingDirectory);
}
