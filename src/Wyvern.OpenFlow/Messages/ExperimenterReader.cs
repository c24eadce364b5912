using Wyvern.OpenFlow.Encoding;

namespace Wyvern.OpenFlow.Messages;

/// <summary>Decodes OFPT_EXPERIMENTER bodies: ONF bundles, otherwise <see cref="ExperimenterMessage"/>.</summary>
internal static class ExperimenterReader
{
    public static OfpMessage Read(ref SpanReader body)
    {
        var experimenter = body.U32();
        var expType = body.U32();
        return (experimenter, expType) switch
        {
            (BundleControl.OnfExperimenterId, BundleControl.ExpTypeControl) => BundleControl.Read(ref body),
            (BundleControl.OnfExperimenterId, BundleControl.ExpTypeAdd) => BundleAdd.Read(ref body),
            _ => new ExperimenterMessage(experimenter, expType, ValueArray.Create(body.Rest)),
        };
    }
}
