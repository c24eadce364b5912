using System.Buffers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Wyvern.Ovsdb.Errors;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Tests.Unit;

[Trait("Layer", "Unit")]
public sealed class OvsdbJsonTests
{
    private static readonly Guid Uuid = Guid.Parse("550e8400-e29b-41d4-a716-446655440000");

    public static TheoryData<string, OvsdbValue> Shapes => new()
    {
        { "42", OvsdbValue.Atom(42) },
        { "-9223372036854775808", OvsdbValue.Atom(long.MinValue) },
        { "1.5", OvsdbValue.Atom(OvsdbAtom.Real(1.5)) },
        { "true", OvsdbValue.Atom(true) },
        { "false", OvsdbValue.Atom(false) },
        { "\"br-int\"", OvsdbValue.Atom("br-int") },
        { "\"\"", OvsdbValue.Atom("") },
        { "[\"uuid\",\"550e8400-e29b-41d4-a716-446655440000\"]", OvsdbValue.Atom(Uuid) },
        { "[\"named-uuid\",\"row1\"]", OvsdbValue.Atom(OvsdbAtom.NamedUuid("row1")) },
        { "[\"set\",[]]", OvsdbValue.EmptySet },
        { "[\"set\",[1,2,3]]", OvsdbValue.Set(3, 1, 2) },
        { "[\"set\",[\"OpenFlow10\",\"OpenFlow13\"]]", OvsdbValue.Set("OpenFlow13", "OpenFlow10") },
        { "[\"set\",[[\"uuid\",\"550e8400-e29b-41d4-a716-446655440000\"],[\"named-uuid\",\"p\"]]]",
            OvsdbValue.Set(OvsdbAtom.Uuid(Uuid), OvsdbAtom.NamedUuid("p")) },
        { "[\"map\",[]]", OvsdbValue.EmptyMap },
        { "[\"map\",[[\"iface-id\",\"p1\"],[\"mac\",\"fa:16:3e:00:00:01\"]]]",
            OvsdbValue.StringMap([KeyValuePair.Create("mac", "fa:16:3e:00:00:01"), KeyValuePair.Create("iface-id", "p1")]) },
        { "[\"map\",[[1,[\"uuid\",\"550e8400-e29b-41d4-a716-446655440000\"]]]]",
            OvsdbValue.Map([KeyValuePair.Create(OvsdbAtom.Integer(1), OvsdbAtom.Uuid(Uuid))]) },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Value_EncodesToItsRfcShape_AndDecodesBack(string json, OvsdbValue value)
    {
        Write(value).ShouldBe(json);
        Read(json).ShouldBe(value);
    }

    [Fact]
    public void SetOfOne_IsWrittenAsTheBareAtom_AndABareAtomReadsAsASetOfOne()
    {
        Write(OvsdbValue.Set("x")).ShouldBe("\"x\"");
        Read("[\"set\",[\"x\"]]").ShouldBe(OvsdbValue.Atom("x"));
    }

    [Fact]
    public void Set_DropsDuplicates_AndIsOrderIndependent()
    {
        OvsdbValue.Set(2, 1, 2).ShouldBe(OvsdbValue.Set(1, 2));
        OvsdbValue.Set(1, 2).Count.ShouldBe(2);
    }

    [Fact]
    public void RealWrittenAsIntegerLiteral_ReadsAsInteger_UntilTheSchemaCoercesIt()
    {
        Read("3").Keys[0].Kind.ShouldBe(OvsdbAtomKind.Integer);
        Read("3.0").Keys[0].Kind.ShouldBe(OvsdbAtomKind.Real);
        Read("1e3").Keys[0].AsReal.ShouldBe(1000);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[\"uuid\",\"not-a-uuid\"]")]
    [InlineData("[\"uuid\",42]")]
    [InlineData("[\"named-uuid\",\"\"]")]
    [InlineData("[\"frob\",\"x\"]")]
    [InlineData("[\"set\",[{}]]")]
    [InlineData("[\"map\",[[\"k\"]]]")]
    [InlineData("[\"map\",[[\"k\",\"v\",\"w\"]]]")]
    [InlineData("[\"map\",[[\"k\",\"v\"],[\"k\",\"w\"]]]")]
    [InlineData("[1,2,3]")]
    public void MalformedValue_IsAProtocolError(string json)
    {
        Should.Throw<OvsdbProtocolException>(() => Read(json));
    }

    [Fact]
    public void WrongKindAccess_IsAnInvalidOperation_NotAWrongValue()
    {
        Should.Throw<InvalidOperationException>(() => OvsdbAtom.String("x").AsInteger);
    }

    [Fact]
    public void RandomValues_RoundTrip()
    {
        var atoms = Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>().Select(OvsdbAtom.Integer),
            ArbMap.Default.GeneratorFor<bool>().Select(OvsdbAtom.Boolean),
            ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => OvsdbAtom.String(s.Get)),
            ArbMap.Default.GeneratorFor<Guid>().Select(OvsdbAtom.Uuid),
            ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => OvsdbAtom.Real(f.Get)));
        var values = Gen.OneOf(
            atoms.ListOf().Select(a => OvsdbValue.Set(a)),
            Gen.Zip(atoms, atoms).ListOf().Select(pairs => OvsdbValue.Map(
                pairs.DistinctBy(p => p.Item1).Select(p => KeyValuePair.Create(p.Item1, p.Item2)))));

        Prop.ForAll(values.ToArbitrary(), value => Read(Write(value)).Equals(value)).QuickCheckThrowOnFailure();
    }

    private static string Write(OvsdbValue value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            OvsdbJson.WriteValue(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // The whole text must be the value: the reader is left on its last token.
    private static OvsdbValue Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        var value = OvsdbJson.ReadValue(ref reader);
        reader.Read().ShouldBeFalse("the reader must be left on the value's last token");
        return value;
    }
}
