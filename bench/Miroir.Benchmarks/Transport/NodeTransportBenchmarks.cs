using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Miroir.Proxy.Transport;

namespace Miroir.Benchmarks.Transport;

/// <summary>
/// One request to a loopback Kestrel node: <see cref="NodeTransport"/> against today's read path (a bare
/// <see cref="HttpMessageInvoker"/> over <see cref="SocketsHttpHandler"/> configured as NodeClient, body read into an
/// exact-size array as NodeCall does). A search POST answered with ~20 KB of JSON, a document GET answered with 300 bytes.
/// </summary>
[MemoryDiagnoser]
public class NodeTransportBenchmarks
{
    private const string Key = "node-secret";
    private const string Authorization = "Bearer " + Key;
    private static readonly byte[] SearchBody = """{"q":"tolkien","limit":20,"filter":"_miroir_shard IN [1, 4, 7]"}"""u8.ToArray();
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private WebApplication _node = null!;
    private NodeTransport _transport = null!;
    private HttpMessageInvoker _invoker = null!;
    private string _address = "";
    private long _operations;
    private TimeSpan _cpuAtStart;

    [Params("search-20KB", "document-300B")]
    public string Answer { get; set; } = "search-20KB";

    [GlobalSetup]
    public void Setup()
    {
        var search = Payload(20 * 1024);
        var document = Payload(300);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _node = builder.Build();
        _node.Run(async ctx =>
        {
            await ctx.Request.Body.CopyToAsync(Stream.Null);
            var body = ctx.Request.Method == "POST" ? search : document;
            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength = body.Length;
            await ctx.Response.Body.WriteAsync(body);
        });
        _node.StartAsync().GetAwaiter().GetResult();
        _address = _node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _transport = new NodeTransport("bench", _address, new NodeTransportOptions { BearerToken = Key, Timeout = TimeSpan.FromSeconds(5) });
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            ActivityHeadersPropagator = null,
        });
        _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // BenchmarkDotNet has no CPU-time column on Linux: the process's CPU (client and server, every phase) per operation.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;
        Console.WriteLine($"// CPU per op (client+server): {cpu.TotalMicroseconds / Math.Max(1, _operations):F1} us over {_operations} ops");
        _transport.Dispose();
        _invoker.Dispose();
        _node.StopAsync().GetAwaiter().GetResult();
        _node.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public async Task<long> HttpClient()
    {
        _operations++;
        var (timeout, request) = (new CancellationTokenSource(TimeSpan.FromSeconds(5)), Request());
        using (timeout)
        using (request)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Authorization);
            using var response = await _invoker.SendAsync(request, timeout.Token);
            var body = new byte[response.Content.Headers.ContentLength!.Value];
            var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            await using (stream)
            {
                await stream.ReadExactlyAsync(body, timeout.Token);
            }

            return body.Length;
        }
    }

    [Benchmark]
    public async Task<long> Transport()
    {
        _operations++;
        var request = Answer == "search-20KB" ? NodeRequest.Post("/indexes/books/search", SearchBody) : NodeRequest.Get("/indexes/books/documents/42");
        using var answer = await _transport.SendAsync(request);
        return answer.Body.Length;
    }

    private HttpRequestMessage Request()
    {
        if (Answer != "search-20KB")
        {
            return new HttpRequestMessage(HttpMethod.Get, _address + "/indexes/books/documents/42");
        }

        var content = new ByteArrayContent(SearchBody);
        content.Headers.ContentType = Json;
        return new HttpRequestMessage(HttpMethod.Post, _address + "/indexes/books/search") { Content = content };
    }

    private static byte[] Payload(int length) => Encoding.UTF8.GetBytes("\"" + new string('x', length - 2) + "\"");
}
