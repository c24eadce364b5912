using Wyvern.Ovsdb.Schema;
using Wyvern.Ovsdb.Values;

namespace Wyvern.Ovsdb.Monitoring;

/// <summary>
/// Applies an <c>update2</c> "modify" column diff (ovsdb-server(7) §4.1.14): a single-value
/// column (at most one atom: scalars and optional values like <c>Interface.ofport</c>)
/// carries its new value — ovsdb-server 3.1 sends <c>100</c>, not <c>["set",[1,100]]</c>, when
/// ofport goes from 1 to 100; a set carries the elements present in only one of old and new
/// (toggle each); a map carries the pairs whose key is in only one of them (toggle the key)
/// and, for a key in both, the new value.
/// </summary>
internal static class ColumnDiff
{
    public static OvsdbValue Apply(OvsdbValue old, OvsdbValue diff, OvsdbColumnType? type)
    {
        if (type is null)
        {
            return diff; // A column the schema does not know: nothing better than the new value.
        }

        diff = type.Coerce(diff);
        if (!type.IsMap && type.Max == 1)
        {
            return diff;
        }

        if (type.IsMap)
        {
            var pairs = old.Pairs().ToDictionary(p => p.Key, p => p.Value);
            foreach (var (key, value) in diff.Pairs())
            {
                if (pairs.TryGetValue(key, out var current) && current == value)
                {
                    pairs.Remove(key);
                }
                else
                {
                    pairs[key] = value;
                }
            }

            return pairs.Count == 0 ? OvsdbValue.EmptyMap : OvsdbValue.Map(pairs);
        }

        var set = new HashSet<OvsdbAtom>(old.Keys);
        foreach (var atom in diff.Keys)
        {
            if (!set.Remove(atom))
            {
                set.Add(atom);
            }
        }

        return OvsdbValue.Set(set);
    }
}
