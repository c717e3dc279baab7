namespace Miroir.Load;

/// <summary>A stretch of an open-model run at one arrival rate (a spike profile is three of them).</summary>
internal sealed record Phase(string Name, int Rate, TimeSpan Duration);
