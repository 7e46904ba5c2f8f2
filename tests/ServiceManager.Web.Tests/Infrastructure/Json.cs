using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ServiceManager.Web.Tests.Infrastructure;

/// <summary>HTTP calls that read the answer as JSON, keeping the status and the raw text for the assertions.</summary>
internal static class Json
{
    public sealed record Answer(System.Net.HttpStatusCode Status, HttpResponseHeaders Headers, string ContentType, string Text)
    {
        public JsonElement Body => JsonDocument.Parse(Text).RootElement;

        /// <summary>The error body's code and message; fails if the body is not the error shape.</summary>
        public (int Code, string Message) Error
        {
            get
            {
                var error = Body.GetProperty("error");
                return (error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString()!);
            }
        }

        public override string ToString() => $"{(int)Status} {Text}";
    }

    public static async Task<Answer> SendAsync(HttpClient http, HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.ToString() ?? "", text);
    }

    public static Task<Answer> GetAsync(HttpClient http, string path) => SendAsync(http, HttpMethod.Get, path);

    public static Task<Answer> PostAsync(HttpClient http, string path, string? body = null) => SendAsync(http, HttpMethod.Post, path, body);

    public static Task<Answer> DeleteAsync(HttpClient http, string path) => SendAsync(http, HttpMethod.Delete, path);
}
