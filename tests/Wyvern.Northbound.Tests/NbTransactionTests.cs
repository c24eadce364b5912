using Wyvern.Model;

namespace Wyvern.Northbound.Tests;

[Trait("Layer", "Unit")]
public class NbTransactionTests
{
    [Fact]
    public void SameObjectTwice_IsRejected()
    {
        var transaction = new NbTransaction().Create(Samples.Port("p1"));

        Should.Throw<ArgumentException>(() => transaction.Delete<LogicalPort>("p1"));
        transaction.Delete<LogicalSwitch>("p1").Operations.Count.ShouldBe(2);
    }

    [Fact]
    public void Update_ExpectsTheObjectsVersion()
    {
        var op = new NbTransaction().Update(Samples.Port("p1") with { Version = 17 }).Operations.Single();

        op.ShouldBe(new NbOperation(NbOperationKind.Update, NbTables.Ports, "p1", Samples.Port("p1") with { Version = 17 }, 17, null));
    }
}
