using Yarp.ReverseProxy.Configuration;

// A plain YARP reverse proxy, the .NET peer Miroir's pass-through cost is compared with.
// Usage: dotnet Miroir.PeerProxy.dll --port 7930 --target http://127.0.0.1:7911
var port = Argument("--port", "7930");
var target = Argument("--target", "http://127.0.0.1:7700");
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "node", Match = new RouteMatch { Path = "{**catch-all}" } }],
    [new ClusterConfig { ClusterId = "node", Destinations = new Dictionary<string, DestinationConfig> { ["node"] = new() { Address = target } } }]);
var app = builder.Build();
app.MapReverseProxy();
app.Run();

string Argument(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
