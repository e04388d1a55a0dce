using System.Reflection;
using System.Reflection.Emit;

namespace Auth.ArchitectureTests;

/// <summary>
/// Reads the compiled code: which methods, constructors and properties each type's code calls. A lambda, a local
/// function or an async method's state machine counts as code of the type it is written in.
/// </summary>
public static class CompiledCalls
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every (caller's outermost type, called member) pair in <paramref name="assemblies"/>.</summary>
    public static IEnumerable<(Type Caller, MethodBase Called)> In(params Assembly[] assemblies)
    {
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            var owner = type;
            while (owner.DeclaringType is not null)
            {
                owner = owner.DeclaringType;
            }

            foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
            {
                foreach (var called in CalledBy(method))
                {
                    yield return (owner, called);
                }
            }
        }
    }

    /// <summary>
    /// The other types whose code calls a member that <paramref name="matches"/> (a record's compiler-written copy
    /// calls its own constructor; that is not a use).
    /// </summary>
    public static IReadOnlyList<Type> CallersOf(Func<MethodBase, bool> matches, params Assembly[] assemblies) =>
        In(assemblies).Where(c => matches(c.Called) && c.Caller != c.Called.DeclaringType)
            .Select(c => c.Caller).Distinct().OrderBy(t => t.FullName).ToList();

    private static IEnumerable<MethodBase> CalledBy(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            var opCode = OpCodesByValue[value];
            if (opCode.OperandType == OperandType.InlineMethod)
            {
                MethodBase? called = null;
                try
                {
                    called = method.Module.ResolveMethod(BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    // A member of a generic instantiation this context cannot name: not one the tests look for.
                }

                if (called is not null)
                {
                    yield return called;
                }
            }

            position += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
        }
    }
}
