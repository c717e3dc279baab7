namespace Miroir.Proxy.Transport;

/// <summary>Told about every node exchange: the hook for metrics and passive health. Called inline: keep it cheap.</summary>
public interface INodeTransportObserver
{
    void RequestStarted(string nodeId);

    void RequestFinished(string nodeId, in NodeExchange exchange);
}
