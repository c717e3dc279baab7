using Miroir.Proxy.Settings;

namespace Miroir.Proxy.Tests.Settings;

public sealed class SettingsInFlightUnitTests
{
    [Fact]
    public void End_OneOfTwoOverlappingChanges_IndexStaysInFlightUntilTheLast()
    {
        var inFlight = new SettingsInFlight();
        inFlight.Begin("books");
        inFlight.Begin("books");

        inFlight.End("books");
        var afterFirst = inFlight.Contains("books");
        inFlight.End("books");

        Assert.True(afterFirst);
        Assert.False(inFlight.Contains("books"));
        Assert.False(inFlight.Contains("films"));
    }
}
