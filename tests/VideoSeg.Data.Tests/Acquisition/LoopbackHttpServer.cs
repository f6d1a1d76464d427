using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 and a free port, written on a raw socket so that tests can
/// send what a real server never should: bodies shorter than their Content-Length, stalls, errors.
/// Each route answers by its hit number (1 for the first request), and hits are counted.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Func<int, LoopbackResponse>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private readonly Task _acceptLoop;

    public LoopbackHttpServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    public void Map(string path, Func<int, LoopbackResponse> respond) => _routes[path] = respond;

    public void Map(string path, byte[] body) => Map(path, _ => LoopbackResponse.Ok(body));

    public int Hits(string path) => _hits.TryGetValue(path, out int hits) ? hits : 0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                string? path = await ReadRequestPathAsync(stream);
                if (path is null)
                {
                    return;
                }

                int hit = _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
                LoopbackResponse response = _routes.TryGetValue(path, out Func<int, LoopbackResponse>? route)
                    ? route(hit)
                    : LoopbackResponse.Error(404);
                var head = new StringBuilder();
                head.Append($"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n");
                head.Append($"Content-Length: {response.DeclaredLength ?? response.Body.Length}\r\n");
                head.Append("Content-Type: application/zip\r\nConnection: close\r\n");
                if (response.RetryAfterSeconds is int retryAfter)
                {
                    head.Append($"Retry-After: {retryAfter}\r\n");
                }

                head.Append("\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
                int sent = Math.Min(response.Body.Length, response.StallAfterBytes ?? int.MaxValue);
                await stream.WriteAsync(response.Body.AsMemory(0, sent), _stop.Token);
                await stream.FlushAsync(_stop.Token);
                if (response.StallAfterBytes is not null)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (a cancelled download) or the server is stopping.
            }
        }
    }

    private static async Task<string?> ReadRequestPathAsync(NetworkStream stream)
    {
        var request = new StringBuilder();
        var buffer = new byte[1];
        while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer) == 0)
            {
                return null;
            }

            request.Append((char)buffer[0]);
        }

        string[] requestLine = request.ToString().Split("\r\n")[0].Split(' ');
        return requestLine.Length >= 2 ? requestLine[1] : null;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
