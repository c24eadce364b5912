using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wyvern.Northbound.Etcd;

/// <summary>
/// POSTs JSON to the etcd v3 gateway of one member at a time. A member that cannot be reached,
/// times out or answers "unavailable" is left for the next one in the list; the member that
/// answered last is tried first next time. A call fails only when no member answered within the retry window.
/// A write whose connection broke after it was sent may have been applied: its retry then meets its own
/// result (a create reports AlreadyExists), as with any etcd client.
/// </summary>
internal sealed class EtcdHttpClient : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _endpoints;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _retryWindow;
    private int _current;

    public EtcdHttpClient(IReadOnlyList<Uri> endpoints, TimeSpan timeout, TimeSpan retryWindow)
    {
        _retryWindow = retryWindow;
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("at least one etcd endpoint is needed", nameof(endpoints));
        }
        _endpoints = endpoints;
        _timeout = timeout;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The member currently preferred.</summary>
    public Uri Current => _endpoints[Volatile.Read(ref _current) % _endpoints.Count];

    /// <summary>Moves on from <paramref name="failed"/> to the next member (if nobody moved on already).</summary>
    public void FailOver(Uri failed)
    {
        var index = Volatile.Read(ref _current);
        if (_endpoints[index % _endpoints.Count] == failed)
        {
            Interlocked.CompareExchange(ref _current, (index + 1) % _endpoints.Count, index);
        }
    }

    public async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest request, CancellationToken cancellationToken) =>
        (await PostWithRetriesAsync<TRequest, TResponse>(path, request, cancellationToken).ConfigureAwait(false)).Response;

    /// <summary>
    /// Like <see cref="PostAsync"/>, and tells whether an earlier attempt failed: then a write may have
    /// been applied by that attempt before this one ran.
    /// </summary>
    public async Task<(TResponse Response, bool Retried)> PostWithRetriesAsync<TRequest, TResponse>(
        string path, TRequest request, CancellationToken cancellationToken)
    {
        Exception? last = null;
        var deadline = DateTime.UtcNow + _retryWindow;
        for (var attempt = 0; attempt < _endpoints.Count || DateTime.UtcNow < deadline; attempt++)
        {
            if (attempt > 0 && attempt % _endpoints.Count == 0)
            {
                // every member failed once: give an election time to finish before the next round
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
            var endpoint = Current;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            try
            {
                using var response = await _http.PostAsync(new Uri(endpoint, path), Content(request), timeout.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    var answer = JsonSerializer.Deserialize<TResponse>(body, Json)
                        ?? throw new NbUnavailableException($"empty answer from etcd {endpoint}{path}");
                    return (answer, attempt > 0);
                }
                var error = ParseError(response.StatusCode, body);
                if (error.Code != 14 && response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    throw error;
                }
                last = error;
            }
            catch (Exception e) when (e is HttpRequestException or IOException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                last = e;
            }
            FailOver(endpoint);
        }
        throw new NbUnavailableException($"no etcd member answered {path}", last!);
    }

    /// <summary>Opens a streaming POST (the watch) to the current member; the caller reads and disposes the response.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync<TRequest>(Uri endpoint, string path, TRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path)) { Content = Content(request) };
        var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw ParseError(response.StatusCode, body);
        }
        return response;
    }

    private static ByteArrayContent Content<TRequest>(TRequest request)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, Json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static EtcdGatewayException ParseError(HttpStatusCode status, byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var code = doc.RootElement.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 2;
            var message = doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
            return new EtcdGatewayException(code, message ?? $"HTTP {(int)status}");
        }
        catch (JsonException)
        {
            return new EtcdGatewayException(status == HttpStatusCode.ServiceUnavailable ? 14 : 2, $"HTTP {(int)status}");
        }
    }

    public void Dispose() => _http.Dispose();
}
