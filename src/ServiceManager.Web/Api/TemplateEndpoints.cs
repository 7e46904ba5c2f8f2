using Microsoft.AspNetCore.Http;
using ServiceManager.Protocol;
using ServiceManager.Protocol.Messages;

namespace ServiceManager.Web.Api;

/// <summary><c>/api/templates</c>: the config's templates, start commands with their variable values hidden.</summary>
internal static class TemplateEndpoints
{
    public static async Task ListAsync(HttpContext context)
    {
        var templates = await TemplatesAsync(context);
        await Respond.JsonAsync(context, templates, WebJson.Protocol.IReadOnlyListTemplateInfo);
    }

    public static async Task GetAsync(HttpContext context)
    {
        var id = Respond.Route(context, "id");
        var templates = await TemplatesAsync(context);
        var template = templates.FirstOrDefault(t => t.Id == id)
            ?? throw new ApiException(StatusCodes.Status404NotFound, RpcErrorCodes.NotFound,
                $"no such template '{id}'; known: {(templates.Count == 0 ? "none" : string.Join(", ", templates.Select(t => t.Id)))}");
        await Respond.JsonAsync(context, template, WebJson.Protocol.TemplateInfo);
    }

    private static async Task<IReadOnlyList<TemplateInfo>> TemplatesAsync(HttpContext context)
    {
        var templates = await Respond.DaemonAsync(context, (c, ct) => c.TemplatesAsync(ct));
        // A start_command as written may begin with NAME=value words: environment values, which stay home.
        return [.. templates.Select(t => t with { StartCommand = t.StartCommand is { } command ? EnvAssignments.Hide(command) : null })];
    }
}
