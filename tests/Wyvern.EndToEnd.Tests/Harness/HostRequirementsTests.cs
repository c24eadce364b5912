using Wyvern.Testing;
using Wyvern.Testing.Harness;

namespace Wyvern.EndToEnd.Tests.Harness;

[Trait("Layer", Layer.Unit)]
public sealed class HostRequirementsTests
{
    [Fact]
    public void MissingCommand_MessageNamesCommandAndPackage()
    {
        var problem = HostRequirements.FindProblem([("wy-no-such-command", "wy-some-package")]);

        problem.ShouldNotBeNull();
        problem.ShouldContain("wy-no-such-command");
        problem.ShouldContain("apt-get install wy-some-package");
    }

    [Fact]
    public void EnsureCommand_Missing_ThrowsTestEnvironmentException()
    {
        var e = Should.Throw<TestEnvironmentException>(() => HostRequirements.EnsureCommand("wy-no-such-command", "wy-pkg"));
        e.Message.ShouldStartWith("Test environment:");
    }

    [Fact]
    public void NewName_CarriesRunPrefix_AndIsUnique()
    {
        TestRun.Prefix.ShouldMatch("^wy-[0-9a-f]{6}$");
        var a = TestRun.NewName("ch");
        var b = TestRun.NewName("ch");
        a.ShouldStartWith(TestRun.Prefix + "-ch");
        a.ShouldNotBe(b);
    }
}
