using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>An in-memory HTTP handler answering by call number (1 for the first call).</summary>
public sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Func<int, HttpResponseMessage> _respond;
    private int _calls;

    public StubHttpHandler(Func<int, HttpResponseMessage> respond) => _respond = respond;

    public int Calls => _calls;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int call = Interlocked.Increment(ref _calls);
        return Task.FromResult(_respond(call));
    }
}
