using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using SkipTestException = nanoFramework.TestFramework.SkipTestException;
using TestClassAttribute = nanoFramework.TestFramework.TestClassAttribute;
using TestMethodAttribute = nanoFramework.TestFramework.TestMethodAttribute;
using ScsiBridge.Hal.Buffers;
using ScsiBridge.Hal.Sim;
using ScsiBridge.SelfTests;
using Xunit;

namespace ScsiBridge.SelfTests.Tests;

/// <summary>
/// Every [TestMethod] of the board's self-tests, found the way nanoFramework's test runner
/// finds them (by their attributes), run as an xunit case on a simulated bare board with the
/// cable unplugged: each must pass, none may skip.
/// </summary>
public class OnBoardTests
{
    public static IEnumerable<object[]> Discovered() =>
        Discovery.TestMethods().Select(m => new object[] { m.DeclaringType!.Name + "." + m.Name });

    [Theory]
    [MemberData(nameof(Discovered))]
    public void PassesOnTheSimulator(string name)
    {
        MethodInfo method = Discovery.TestMethods().Single(m => m.DeclaringType!.Name + "." + m.Name == name);
        var ring = new BufferRing(8, 512, new ManagedBufferAllocator());
        SelfTestEnvironment.Lines = new SimLineProbe(null);
        SelfTestEnvironment.LiveRing = ring;
        SelfTestEnvironment.BusUnplugged = true;
        try
        {
            object instance = Activator.CreateInstance(method.DeclaringType!)!;
            method.Invoke(instance, null);
        }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            Assert.Fail(name + " did not pass on the simulator: " + e.InnerException.GetType().Name + ": " + e.InnerException.Message);
        }
        finally
        {
            SelfTestEnvironment.BusUnplugged = false;
            SelfTestEnvironment.Lines = null;
            SelfTestEnvironment.LiveRing = null;
        }
    }

    [Fact]
    public void TheCatalogListsExactlyTheTestMethods()
    {
        string[] discovered = Discovery.TestMethods().Select(m => m.DeclaringType!.Name + "." + m.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        string[] listed = SelfTestCatalog.All().Select(t => t.ClassName + "." + t.MethodName).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        Assert.True(discovered.Length >= 10, "expected the ring, codec, link echo and pin loopback tests, found " + discovered.Length);
        Assert.Equal(discovered, listed);
    }

    [Fact]
    public void TheCatalogCallsTheMethodItNames()
    {
        // A catalog entry whose delegate called another test than it names would report one
        // test's result under another's name: each entry, run with the bus not unplugged, must
        // skip exactly when its named method skips.
        foreach (SelfTest entry in SelfTestCatalog.All())
        {
            MethodInfo method = Discovery.TestMethods().Single(m => m.DeclaringType!.Name == entry.ClassName && m.Name == entry.MethodName);
            SelfTestEnvironment.Lines = new SimLineProbe(null);
            SelfTestEnvironment.BusUnplugged = false;
            bool entrySkips = Skips(() => entry.Body());
            bool methodSkips = Skips(() => method.Invoke(Activator.CreateInstance(method.DeclaringType!), null));
            Assert.True(entrySkips == methodSkips, entry.ClassName + "." + entry.MethodName);
        }

        SelfTestEnvironment.Lines = null;
    }

    private static bool Skips(Action run)
    {
        try
        {
            run();
            return false;
        }
        catch (SkipTestException)
        {
            return true;
        }
        catch (TargetInvocationException e) when (e.InnerException is SkipTestException)
        {
            return true;
        }
    }
}

internal static class Discovery
{
    public static IEnumerable<MethodInfo> TestMethods() =>
        typeof(SelfTestCatalog).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<TestClassAttribute>() != null)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<TestMethodAttribute>() != null);
}
