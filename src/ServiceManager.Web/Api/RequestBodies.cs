namespace ServiceManager.Web.Api;

/// <summary><c>POST /api/instances</c> to create an instance of a template (the <c>create</c> method).</summary>
internal sealed record CreateBody(string Template, string? Id = null, int? Port = null, bool Start = false);

/// <summary><c>POST /api/instances</c> with a <c>command</c>: an ad-hoc instance (the <c>run</c> method).</summary>
internal sealed record RunBody(
    IReadOnlyList<string> Command,
    string? Name = null,
    int? Port = null,
    string? Cwd = null,
    IReadOnlyDictionary<string, string>? Env = null);

/// <summary>The body of a mutation that takes none: <c>{}</c> (or no body at all).</summary>
internal sealed record EmptyBody;
