using ScsiBridge.Firmware.Tests.Targets;
using Xunit;

namespace ScsiBridge.Firmware.Tests.Adapter;

internal static class AdapterRigAssertions
{
    public static void AssertNoViolations(this AdapterRig rig)
    {
        Assert.True(rig.Bus.Violations.Count == 0, "bus monitor: " + rig.ViolationsText());
    }
}
