using Wyvern.OpenFlow.Matching;
using Wyvern.Pipeline;
using static Wyvern.Apps.Flows;

namespace Wyvern.Apps;

/// <summary>
/// A port plugged here: its in_port loads the source port key (reg6) and the
/// network key (metadata) and starts the egress pipeline; at the end of the
/// ingress pipeline its key (reg7) outputs to its ofport.
/// </summary>
public sealed class ClassifierApp : IApp
{
    public AppId Id => AppId.Classifier;

    public void Consider(Owner owner, IChassisView view, ICollection<FlowSpec> flows)
    {
        if (owner.Kind != OwnerKind.Port || !PortRoles.TryGetWorkload(view, owner.Id, out var port, out var network) ||
            view.LocalOfPort(port.Id) is not { } ofport)
        {
            return;
        }
        flows.Add(Make(TableId.Classification, Priorities.Entry, Match.Create(MatchField.InPort((uint)ofport)), Id, owner,
            Apply(Registers.LoadSourcePort(port.Key), Registers.LoadNetwork(network.Key)),
            Goto(TableId.EgressPortSecurity)));
        flows.Add(Make(TableId.IngressDispatch, Priorities.Entry, Match.Create(Registers.MatchDestinationPort(port.Key)), Id, owner,
            Apply(Output((uint)ofport))));
    }
}
