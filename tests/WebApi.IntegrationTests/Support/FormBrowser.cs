using System.Net;
using System.Text.RegularExpressions;

namespace Auth.WebApi.IntegrationTests.Support;

/// <summary>
/// A plain HTTP "browser" for protocol tests: it keeps cookies for every 127.0.0.1 service it talks to (ignoring
/// Secure and Path, as a browser treats a loopback origin as secure), follows no redirect by itself, and reads the
/// hidden fields of the forms it is shown (antiforgery token, form_post answers).
/// </summary>
public sealed partial class FormBrowser : IDisposable
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly HttpClient _http;

    public FormBrowser()
    {
        _http = new HttpClient(new CookieJar(_cookies) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false } });
        _http.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
    }

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public Task<HttpResponseMessage> GetAsync(Uri url) => _http.GetAsync(url);

    public Task<HttpResponseMessage> PostFormAsync(Uri url, IEnumerable<KeyValuePair<string, string>> fields) =>
        _http.PostAsync(url, new FormUrlEncodedContent(fields));

    /// <summary>Follows redirects (GET) until a page answers; returns it with the URL it came from.</summary>
    public async Task<(HttpResponseMessage Response, Uri Url)> FollowAsync(HttpResponseMessage response, Uri from, int limit = 10)
    {
        var url = from;
        while (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && limit-- > 0)
        {
            url = new Uri(url, response.Headers.Location!);
            response.Dispose();
            response = await _http.GetAsync(url);
        }

        return (response, url);
    }

    /// <summary>GETs a page and posts its form (the first one, or the one whose action contains <paramref name="action"/>).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(Uri page, IDictionary<string, string> fields, string? action = null)
    {
        using var shown = await _http.GetAsync(page);
        var html = await shown.Content.ReadAsStringAsync();
        return await SubmitFormAsync(page, html, fields, action);
    }

    /// <summary>Posts a form of a page already read, with its hidden fields plus <paramref name="fields"/>.</summary>
    public Task<HttpResponseMessage> SubmitFormAsync(Uri page, string html, IDictionary<string, string> fields, string? action = null)
    {
        var form = Forms(html).First(f => action is null || f.Action.Contains(action, StringComparison.Ordinal));
        var values = form.Hidden.Where(h => !fields.ContainsKey(h.Key)).Concat(fields).ToList();
        return PostFormAsync(new Uri(page, WebUtility.HtmlDecode(form.Action)), values);
    }

    public static IReadOnlyList<(string Action, List<KeyValuePair<string, string>> Hidden)> Forms(string html) =>
        FormPattern().Matches(html).Select(m => (
            m.Groups["action"].Value,
            InputPattern().Matches(m.Groups["body"].Value)
                .Select(i => Attributes(i.Value))
                .Where(a => a.GetValueOrDefault("type") == "hidden" && a.ContainsKey("name"))
                .Select(a => new KeyValuePair<string, string>(a["name"], a.GetValueOrDefault("value") ?? ""))
                .ToList())).ToList();

    private static Dictionary<string, string> Attributes(string tag) =>
        AttributePattern().Matches(tag).ToDictionary(
            a => a.Groups["name"].Value, a => WebUtility.HtmlDecode(a.Groups["value"].Value), StringComparer.Ordinal);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<form[^>]*action=\"(?<action>[^\"]*)\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("(?<name>[a-zA-Z_-]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex AttributePattern();

    private sealed class CookieJar(Dictionary<string, string> cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0];
                var separator = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..separator].Trim(), pair[(separator + 1)..].Trim());
                var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || header.Contains("max-age=0", StringComparison.OrdinalIgnoreCase);
                if (expired || value.Length == 0)
                {
                    cookies.Remove(name);
                }
                else
                {
                    cookies[name] = value;
                }
            }

            return response;
        }
    }
}
