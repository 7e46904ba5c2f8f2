using System.Text;
using System.Text.Json.Nodes;

namespace ServiceManager.Reliability.Tests.Wire;

/// <summary>
/// Makes hostile request lines from a seeded RNG: random bytes, mutated valid requests, valid requests with params
/// of the wrong JSON kind, deep nesting, sizes around the 1 MiB cap. Valid requests only ever name methods that
/// change nothing; methods that would act (start, run, remove...) only get params of the wrong kind.
/// </summary>
internal sealed class FuzzInputs(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Safe =
    [
        """{"jsonrpc":"2.0","id":1,"method":"ping","params":{}}""",
        """{"jsonrpc":"2.0","id":2,"method":"list","params":{"template":"t","tag":"x","status":"running"}}""",
        """{"jsonrpc":"2.0","id":3,"method":"status","params":{"name":"quiet"}}""",
        """{"jsonrpc":"2.0","id":"four","method":"templates","params":{}}""",
        """{"jsonrpc":"2.0","id":5,"method":"logs","params":{"names":["talker"],"lines":5,"stream":"stdout"}}""",
        """{"jsonrpc":"2.0","id":6,"method":"unsubscribe","params":{"subscription":"s1"}}""",
        """{"jsonrpc":"2.0","id":7,"method":"ports","params":{}}""",
        """{"jsonrpc":"2.0","id":8,"method":"metrics","params":{}}""",
        """{"jsonrpc":"2.0","method":"ping","params":{}}""",
        """{"jsonrpc":"2.0","id":9,"method":"ping"}""",
    ];

    /// <summary>Methods that act, with their params; only ever sent with values of the wrong kind.</summary>
    private static readonly (string Method, string[] Params)[] Acting =
    [
        ("start", ["names", "all"]), ("stop", ["names", "all"]), ("restart", ["names", "all"]),
        ("run", ["command", "name", "port", "cwd", "env"]), ("create", ["template", "id", "port", "start"]),
        ("remove", ["names"]), ("signal", ["name", "signal"]), ("status", ["name"]), ("logs", ["names", "lines", "follow", "stream"]),
    ];

    private const string Punctuation = "{}[]\",:\\0123456789tfn-e.\u00ff";

    public int Seed => seed;

    /// <summary>The next line to send, without its newline (it contains none).</summary>
    public (string Kind, byte[] Line) Next()
    {
        var pick = _random.Next(100);
        var (kind, line) = pick switch
        {
            < 15 => ("random bytes", RandomBytes(_random.Next(0, 2000))),
            < 50 => ("mutated bytes", MutateBytes(Encoding.UTF8.GetBytes(Safe[_random.Next(Safe.Length)]))),
            < 65 => ("truncated", Truncate(Encoding.UTF8.GetBytes(Safe[_random.Next(Safe.Length)]))),
            < 85 => ("wrong types", Encoding.UTF8.GetBytes(WrongTypes())),
            < 92 => ("deep nesting", Encoding.UTF8.GetBytes(DeepNesting())),
            < 97 => ("junk fields", Encoding.UTF8.GetBytes(JunkFields())),
            _ => ("near the size cap", NearCap()),
        };
        // A newline inside would only split it into two lines; keep one line per input.
        for (var i = 0; i < line.Length; i++) if (line[i] == (byte)'\n') line[i] = (byte)' ';
        return (kind, line);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private byte[] MutateBytes(byte[] bytes)
    {
        var list = bytes.ToList();
        for (var n = _random.Next(1, 6); n > 0 && list.Count > 0; n--)
        {
            var at = _random.Next(list.Count);
            switch (_random.Next(5))
            {
                case 0: list[at] ^= (byte)(1 << _random.Next(8)); break;
                case 1: list.RemoveRange(at, Math.Min(list.Count - at, _random.Next(1, 8))); break;
                case 2: list.Insert(at, (byte)_random.Next(256)); break;
                case 3: list.InsertRange(at, list.Skip(at).Take(_random.Next(1, 16)).ToList()); break;
                default: list[at] = (byte)Punctuation[_random.Next(Punctuation.Length)]; break;
            }
        }

        return [.. list];
    }

    private byte[] Truncate(byte[] bytes) => bytes[.._random.Next(bytes.Length)];

    private JsonNode? WrongKind(bool forBool = false) => _random.Next(forBool ? 6 : 7) switch
    {
        0 => JsonValue.Create(_random.Next(-5, 100000)),
        1 => JsonValue.Create(-1e308),
        2 => new JsonObject { ["x"] = 1 },
        3 => new JsonArray(JsonValue.Create(1), null, new JsonObject()),
        4 => null,
        5 => JsonValue.Create(_random.Next(2) == 0 ? "yes" : new string('z', _random.Next(0, 5000))),
        _ => JsonValue.Create(true),
    };

    private string WrongTypes()
    {
        var (method, names) = Acting[_random.Next(Acting.Length)];
        var parameters = new JsonObject();
        foreach (var name in names.Where(_ => _random.Next(3) > 0))
        {
            // Every value of the wrong kind: no string where a string goes, no list of strings where a list goes.
            JsonNode? value;
            do value = WrongKind(forBool: name is "all" or "follow" or "start");
            while (value is JsonValue v && v.TryGetValue<string>(out _) && name is "name" or "template" or "id" or "cwd" or "signal" or "stream");
            if (name is "names" or "command" && value is JsonArray) value = new JsonArray(JsonValue.Create(1), JsonValue.Create(false));
            if (name is "port" or "lines" && value is JsonValue n && n.TryGetValue<int>(out _)) value = JsonValue.Create("80");
            parameters[name] = value;
        }

        if (parameters.Count == 0) parameters["names"] = 42;
        return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = _random.Next(1000), ["method"] = method, ["params"] = parameters }.ToJsonString();
    }

    private string DeepNesting()
    {
        var depth = _random.Next(2) == 0 ? _random.Next(60, 70) : _random.Next(1000, 200_000);
        var open = _random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        return _random.Next(2) == 0
            ? nested
            : """{"jsonrpc":"2.0","id":10,"method":"status","params":{"name":""" + nested + "}}";
    }

    private string JunkFields()
    {
        var junk = new JsonObject
        {
            ["jsonrpc"] = _random.Next(3) == 0 ? JsonValue.Create(2.0) : "2.0",
            ["id"] = _random.Next(4) switch { 0 => new JsonObject(), 1 => new JsonArray(), 2 => JsonValue.Create(1.5e300), _ => JsonValue.Create("\u0000\ud7ff") },
            ["method"] = _random.Next(2) == 0 ? "rpc.discover" : new string('m', _random.Next(1, 3000)),
            ["params"] = new JsonObject { ["__proto__"] = 1, [""] = null },
        };
        if (_random.Next(2) == 0) junk["result"] = 1;
        return junk.ToJsonString();
    }

    /// <summary>A ping padded to just under or just over the 1 MiB line cap.</summary>
    private byte[] NearCap()
    {
        var target = 1024 * 1024 + _random.Next(-64, 64);
        var head = """{"jsonrpc":"2.0","id":11,"method":"ping","params":{"pad":" """.TrimEnd();
        const string tail = "\"}}";
        return Encoding.UTF8.GetBytes(head + new string('p', Math.Max(0, target - head.Length - tail.Length)) + tail);
    }
}
