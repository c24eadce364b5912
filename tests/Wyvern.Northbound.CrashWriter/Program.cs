// Writes transactions to an embedded NB store as fast as it can until killed. Each transaction
// creates two large ports tagged with its batch number and bumps a counter network (CAS) to that
// number, then prints "committed <batch>". The kill -9 test checks that what survives is whole.
using System.Globalization;
using System.Net;
using Wyvern.Model;
using Wyvern.Northbound;
using Wyvern.Northbound.Embedded;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Wyvern.Northbound.CrashWriter <database file>");
    return 2;
}
await using var store = EmbeddedNbStore.Open(args[0]);
var counter = await store.GetAsync<LogicalSwitch>("counter")
    ?? await store.CreateAsync(new LogicalSwitch { Id = "counter", Mtu = 0 });
for (var batch = counter.Mtu + 1; ; batch++)
{
    var tag = batch.ToString(CultureInfo.InvariantCulture);
    var transaction = new NbTransaction().Update(counter with { Mtu = batch });
    for (var j = 0; j < 2; j++)
    {
        transaction.Create(new LogicalPort
        {
            Id = $"port-{batch}-{j}",
            NetworkId = "counter",
            MacAddress = new MacAddress((ulong)((batch * 2) + j)),
            Tags = [tag],
            // ~16 KB of JSON: the object spans several SQLite pages, so a torn write would show.
            FixedIps = [.. Enumerable.Range(0, 400).Select(k => new FixedIp("subnet-" + k, new IPAddress(0x0a000000L + k)))],
        });
    }
    var result = await store.CommitAsync(transaction);
    counter = (LogicalSwitch)result.Written[0];
    Console.WriteLine($"committed {tag}");
}
