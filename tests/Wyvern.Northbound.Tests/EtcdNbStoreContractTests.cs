using System.Security.Cryptography;
using Wyvern.Northbound.Etcd;

namespace Wyvern.Northbound.Tests;

[Trait("Layer", "Ovs")]
public sealed class EtcdNbStoreContractTests(EtcdFixture etcd) : NbStoreContractTests, IClassFixture<EtcdFixture>
{
    protected override Task<NbStoreBase> CreateStoreAsync() =>
        Task.FromResult<NbStoreBase>(new EtcdNbStore(new EtcdNbStoreOptions
        {
            Endpoints = [etcd.ClientUrl],
            Prefix = "/wy-" + RandomNumberGenerator.GetHexString(6, lowercase: true),
        }));
}
