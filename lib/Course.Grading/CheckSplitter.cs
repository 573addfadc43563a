using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Grading;

/// <summary>One piece of a test cell as the grader runs it: setup code, or one check.</summary>
/// <param name="Source">The C# text, with every use of the checking API fully qualified.</param>
/// <param name="IsCheck">True for a check: a top-level statement that calls <c>Check.…</c>.</param>
/// <param name="Line">The 0-based line of the cell where the piece's code (not its leading comments) starts.</param>
public sealed record TestPiece(string Source, bool IsCheck, int Line = 0);

/// <summary>
/// Splits a key's test cell into the pieces the grader runs one cell each: runs of setup statements, and each
/// top-level statement that calls the checking API (one check). A check passes when its piece runs without error,
/// so a test cell with n checks gives partial credit in steps of 1/n. A cell with no check is one piece, counted as
/// one check. Every <c>Check.X</c>, <c>Checks.Check.X</c> and <c>Course.Checks.Check.X</c> becomes
/// <c>global::Course.Checks.Check.X</c>, so that a student's own class named Check (or Course) cannot stand in for it.
/// </summary>
public static class CheckSplitter
{
    /// <summary>The checking API, written so that nothing a notebook declares can shadow it.</summary>
    public const string QualifiedCheck = CheckingApi.Qualified;

    static readonly CSharpParseOptions ScriptOptions = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>The pieces of a test cell, in order; joined they are the cell (with the API qualified).</summary>
    public static IReadOnlyList<TestPiece> Split(string source)
    {
        var root = Qualify(source);
        var text = root.ToFullString();
        var members = root.Members;
        if (members.Count == 0 || !members.Any(IsCheck))
            return [new TestPiece(text, IsCheck: true, LineOf(text, members.Count == 0 ? 0 : members[0].SpanStart))];

        var pieces = new List<TestPiece>();
        int start = 0;          // where the current setup run begins in text
        for (int i = 0; i < members.Count; i++)
        {
            if (!IsCheck(members[i])) continue;
            var check = members[i];
            // Directives before the first member stay with the setup (a directive must open its cell).
            int checkStart = i == 0 ? LeadingDirectivesEnd(check) : check.FullSpan.Start;
            if (checkStart > start && text[start..checkStart].Trim().Length > 0)
                pieces.Add(new TestPiece(text[start..checkStart], IsCheck: false, LineOf(text, Math.Min(FirstCode(members, start), checkStart))));
            pieces.Add(new TestPiece(text[checkStart..check.FullSpan.End], IsCheck: true, LineOf(text, check.SpanStart)));
            start = check.FullSpan.End;
        }
        // What follows the last check is setup if it holds statements; comments alone stay with the check.
        if (members[^1].FullSpan.End > start)
            pieces.Add(new TestPiece(text[start..], IsCheck: false, LineOf(text, FirstCode(members, start))));
        else
            pieces[^1] = pieces[^1] with { Source = pieces[^1].Source + text[start..] };
        return pieces;
    }

    static int LineOf(string text, int offset) => text.AsSpan(0, Math.Min(offset, text.Length)).Count('\n');

    // Where the first member starting at or after offset has its code (past its leading comments).
    static int FirstCode(SyntaxList<MemberDeclarationSyntax> members, int offset) =>
        members.Where(m => m.FullSpan.End > offset).Select(m => Math.Max(m.SpanStart, offset)).DefaultIfEmpty(offset).First();

    /// <summary>A check piece as the submission's kernel runs it: every call of the checking API replaced by
    /// <c>probe.Value(actual)</c>, so that only the student's side is evaluated and the expected side never enters
    /// the submission's process. The actual argument is the one named <c>actual</c>/<c>condition</c>, else the first.
    /// A <c>True</c> becomes <c>probe.Leaves(…)</c> over the student's leaves of its condition (<see cref="Condition"/>).</summary>
    public static string ActualOnly(string piece, string probeClass, CheckSides? sides = null) =>
        new ProbeRewriter(probeClass, actualOnly: true, sides ?? CheckSides.None, Parse(piece)).Rewrite();

    /// <summary>A check piece as the key's kernel runs it: the checking class replaced by the probe, whose methods
    /// have the same signatures and record every argument; a <c>True</c> records its condition's tree and every leaf.</summary>
    public static string AllArguments(string piece, string probeClass, CheckSides? sides = null) =>
        new ProbeRewriter(probeClass, actualOnly: false, sides ?? CheckSides.None, Parse(piece)).Rewrite();

    sealed class ProbeRewriter(string probeClass, bool actualOnly, CheckSides sides, CompilationUnitSyntax root) : CSharpSyntaxRewriter
    {
        public string Rewrite() => Visit(root)!.ToFullString();

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            if (!IsCheckCall(node, out var access)) return base.VisitInvocationExpression(node);
            var probe = SyntaxFactory.ParseExpression(probeClass).WithTriviaFrom(access.Expression);
            if (access.Name.Identifier.Text == "True" && Argument(node, "condition", 0) is { } condition)
                return TrueCall(node, probe, condition, Argument(node, "what", 1));
            if (!actualOnly)
                return node.WithExpression(access.WithExpression(probe)).WithArgumentList((ArgumentListSyntax)Visit(node.ArgumentList)!);
            var actual = ActualArgument(node);
            var value = actual is null ? SyntaxFactory.ParseExpression("(object)null") : (ExpressionSyntax)Visit(actual.Expression)!;
            return Call(probe, "Value", [value]).WithTriviaFrom(node);
        }

        // Submission: probe.Leaves(new Func<object>[] { () => studentLeaf, … }).
        // Key: probe.Condition("tree", what, new[] { indices of the student's leaves }, new Func<object>[] { () => leaf, … }).
        SyntaxNode TrueCall(InvocationExpressionSyntax node, ExpressionSyntax probe, ArgumentSyntax condition, ArgumentSyntax? what)
        {
            var (tree, leaves) = sides.Split(condition.Expression, root);
            ExpressionSyntax Thunks(IEnumerable<Condition.Leaf> chosen) => SyntaxFactory.ParseExpression(
                "new global::System.Func<object>[] { " + string.Join(", ", chosen.Select(l => "() => (" + ((ExpressionSyntax)Visit(l.Expression)!).WithoutTrivia().ToFullString() + ")")) + " }");
            if (actualOnly) return Call(probe, "Leaves", [Thunks(leaves.Where(l => l.Actual))]).WithTriviaFrom(node);
            var indices = SyntaxFactory.ParseExpression("new int[] { " + string.Join(", ", Enumerable.Range(0, leaves.Count).Where(i => leaves[i].Actual)) + " }");
            var treeLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(tree.ToJsonString()));
            var whatValue = what is null ? SyntaxFactory.ParseExpression("\"\"") : (ExpressionSyntax)Visit(what.Expression)!;
            return Call(probe, "Condition", [treeLiteral, whatValue.WithoutTrivia(), indices, Thunks(leaves)]).WithTriviaFrom(node);
        }

        static InvocationExpressionSyntax Call(ExpressionSyntax probe, string method, IEnumerable<ExpressionSyntax> arguments) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, probe.WithoutTrivia(), SyntaxFactory.IdentifierName(method)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments.Select(a => SyntaxFactory.Argument(a.WithoutTrivia())))));
    }

    static bool IsCheckCall(InvocationExpressionSyntax node, out MemberAccessExpressionSyntax access)
    {
        access = (node.Expression as MemberAccessExpressionSyntax)!;
        return access is not null && access.Expression.WithoutTrivia().ToString() == QualifiedCheck
            && CheckingApi.MethodNames.Contains(access.Name.Identifier.Text);
    }

    /// <summary>The argument named <paramref name="name"/>, else the positional one at <paramref name="position"/>.</summary>
    static ArgumentSyntax? Argument(InvocationExpressionSyntax call, string name, int position)
    {
        var arguments = call.ArgumentList.Arguments;
        return arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.Text == name)
            ?? (position < arguments.Count && arguments.Take(position + 1).All(a => a.NameColon is null) ? arguments[position] : null);
    }

    static ArgumentSyntax? ActualArgument(InvocationExpressionSyntax call)
    {
        var arguments = call.ArgumentList.Arguments;
        return arguments.FirstOrDefault(a => a.NameColon is { } n && CheckingApi.ActualParameters.Contains(n.Name.Identifier.Text))
            ?? arguments.FirstOrDefault(a => a.NameColon is null);
    }

    /// <summary>The parts of the checks in <paramref name="node"/> that are the key's side (never run in a submission):
    /// every argument but the actual one, and for <c>True</c> the key's leaves of its condition and its <c>what</c>.</summary>
    static IEnumerable<SyntaxNode> ExpectedParts(SyntaxNode node, CheckSides sides, SyntaxNode statement)
    {
        foreach (var call in node.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
        {
            if (!IsCheckCall(call, out var access)) continue;
            if (access.Name.Identifier.Text == "True" && Argument(call, "condition", 0) is { } condition)
            {
                foreach (var leaf in sides.Split(condition.Expression, statement).Leaves.Where(l => !l.Actual)) yield return leaf.Expression;
                foreach (var other in call.ArgumentList.Arguments.Where(a => a != condition)) yield return other;
                continue;
            }
            var actual = ActualArgument(call);
            foreach (var other in call.ArgumentList.Arguments.Where(a => a != actual)) yield return other;
        }
    }

    /// <summary>
    /// The variables a test cell declares at its top level that only the key's side of its checks uses (<c>var
    /// expected = …;</c> before <c>Check.Close(actual, expected)</c>): the submission's graded notebook leaves out
    /// their declarations (<see cref="WithoutDeclarationsOf"/>), so their values never enter the submission's
    /// process. A variable the student's side uses (an input), or any other cell of the notebook uses, is not one.
    /// </summary>
    /// <param name="testCell">The key's test cell.</param>
    /// <param name="notebookNames">The names the key's cells declare.</param>
    /// <param name="usedElsewhere">The names the key's other cells use.</param>
    public static IReadOnlySet<string> ExpectedOnly(string testCell, IReadOnlySet<string> notebookNames, ISet<string> usedElsewhere)
    {
        var root = Qualify(testCell);
        var candidates = root.Members.SelectMany(TopLevelVariables).Where(n => !usedElsewhere.Contains(n)).ToHashSet();
        while (candidates.Count > 0)
        {
            var sides = new CheckSides(notebookNames, candidates);
            var used = new HashSet<string>();
            foreach (var member in root.Members)
            {
                var declared = TopLevelVariables(member);
                if (declared.Count > 0 && declared.All(candidates.Contains)) continue;
                var expected = ExpectedParts(member, sides, member).ToHashSet();
                foreach (var name in member.DescendantNodes().OfType<IdentifierNameSyntax>())
                    if (candidates.Contains(name.Identifier.Text) && !name.AncestorsAndSelf().Any(expected.Contains))
                        used.Add(name.Identifier.Text);
            }
            if (!candidates.Overlaps(used)) break;
            candidates.ExceptWith(used);
        }
        return candidates;
    }

    static IReadOnlyList<string> TopLevelVariables(MemberDeclarationSyntax member) => member switch
    {
        GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } => [.. l.Declaration.Variables.Select(v => v.Identifier.Text)],
        BaseFieldDeclarationSyntax f => [.. f.Declaration.Variables.Select(v => v.Identifier.Text)],
        _ => [],
    };

    /// <summary>A setup piece without the top-level declarations of <paramref name="names"/> (those whose every
    /// variable is one of them), each replaced by a comment: what only the key's side needs is computed in the key's run only.</summary>
    public static string WithoutDeclarationsOf(string piece, IReadOnlySet<string> names)
    {
        if (names.Count == 0) return piece;
        var root = Parse(piece);
        var dropped = root.Members.Where(m => TopLevelVariables(m) is { Count: > 0 } vars && vars.All(names.Contains)).ToList();
        var text = root.ToFullString();
        foreach (var member in dropped.OrderByDescending(m => m.SpanStart))
            text = text[..member.SpanStart] + "// (computed in the key's run only)" + text[member.Span.End..];
        return text;
    }

    /// <summary>The cell with the checking API fully qualified everywhere (also inside helper methods).</summary>
    public static string QualifyChecks(string source) => Qualify(source).ToFullString();

    /// <summary>The names a test cell declares at its top level (helper methods, local functions, types): a student
    /// cell placed after it could declare the same names, so the grader declares them again before a later test uses them.</summary>
    public static IReadOnlyList<(string Name, string Source)> Helpers(string source)
    {
        var root = Qualify(source);
        var helpers = new List<(string, string)>();
        foreach (var member in root.Members)
        {
            string? name = member switch
            {
                MethodDeclarationSyntax m => m.Identifier.Text,
                GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax f } => f.Identifier.Text,
                BaseTypeDeclarationSyntax t => t.Identifier.Text,
                _ => null,
            };
            if (name is not null) helpers.Add((name, member.WithoutLeadingTrivia().ToFullString()));
        }
        return helpers;
    }

    /// <summary>The names a cell declares at its top level, where later cells see them: types, methods, local
    /// functions, variables, and using aliases.</summary>
    public static ISet<string> Declarations(string source)
    {
        var root = Parse(source);
        var names = root.Usings.Where(u => u.Alias is not null).Select(u => u.Alias!.Name.Identifier.Text).ToHashSet();
        foreach (var member in root.Members)
            switch (member)
            {
                case BaseTypeDeclarationSyntax t: names.Add(t.Identifier.Text); break;
                case DelegateDeclarationSyntax d: names.Add(d.Identifier.Text); break;
                case MethodDeclarationSyntax m: names.Add(m.Identifier.Text); break;
                case PropertyDeclarationSyntax p: names.Add(p.Identifier.Text); break;
                case BaseFieldDeclarationSyntax f: names.UnionWith(f.Declaration.Variables.Select(v => v.Identifier.Text)); break;
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax f }: names.Add(f.Identifier.Text); break;
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l }:
                    names.UnionWith(l.Declaration.Variables.Select(v => v.Identifier.Text));
                    break;
            }
        return names;
    }

    /// <summary>The variables (and fields) a cell declares at its top level.</summary>
    public static ISet<string> Variables(string source) => Parse(source).Members.SelectMany(TopLevelVariables).ToHashSet();

    /// <summary>A cell's <c>using</c> directives and <c>#r</c>/<c>#load</c>/<c>#i</c> lines alone, one a line (empty if it has none).</summary>
    public static string Directives(string source)
    {
        var lines = Markers.Lines(source).Where(l => l.TrimStart() is var t && (t.StartsWith("#r ", StringComparison.Ordinal)
            || t.StartsWith("#load ", StringComparison.Ordinal) || t.StartsWith("#i ", StringComparison.Ordinal)));
        var usings = Parse(source).Usings.Select(u => u.WithoutTrivia().ToFullString());
        return string.Join("\n", lines.Concat(usings));
    }

    /// <summary>The names a piece of code looks up in its surroundings: identifiers that are not a member name after
    /// a dot, an argument label, or declared within the piece itself (locals, parameters, lambda parameters).</summary>
    public static ISet<string> FreeNames(string source) => FreeNames(Parse(source));

    /// <summary>The names <paramref name="root"/> looks up in its surroundings (see <see cref="FreeNames(string)"/>).</summary>
    public static ISet<string> FreeNames(SyntaxNode root)
    {
        var declaredHere = root.DescendantNodes().SelectMany(DeclaredBy).ToHashSet();
        return root.DescendantNodesAndSelf().OfType<SimpleNameSyntax>()
            .Where(n => n is not IdentifierNameSyntax { IsVar: true })
            .Where(n => n.Parent switch
            {
                MemberAccessExpressionSyntax access => access.Name != n,
                QualifiedNameSyntax qualified => qualified.Right != n,
                MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax => false,
                AliasQualifiedNameSyntax => false,
                _ => true,
            })
            .Select(n => n.Identifier.Text)
            .Where(name => !declaredHere.Contains(name))
            .ToHashSet();
    }

    internal static IEnumerable<string> DeclaredBy(SyntaxNode node) => node switch
    {
        VariableDeclaratorSyntax v => [v.Identifier.Text],
        ParameterSyntax p => [p.Identifier.Text],
        SingleVariableDesignationSyntax d => [d.Identifier.Text],
        ForEachStatementSyntax f => [f.Identifier.Text],
        CatchDeclarationSyntax c => [c.Identifier.Text],
        LocalFunctionStatementSyntax f => [f.Identifier.Text],
        MethodDeclarationSyntax m => [m.Identifier.Text],
        BaseTypeDeclarationSyntax t => [t.Identifier.Text],
        TypeParameterSyntax t => [t.Identifier.Text],
        FromClauseSyntax q => [q.Identifier.Text],
        LetClauseSyntax q => [q.Identifier.Text],
        JoinClauseSyntax q => [q.Identifier.Text],
        QueryContinuationSyntax q => [q.Identifier.Text],
        _ => [],
    };

    /// <summary>The identifiers a cell uses, for deciding which earlier helpers it needs.</summary>
    public static ISet<string> IdentifiersUsed(string source) =>
        Parse(source).DescendantNodes().OfType<SimpleNameSyntax>().Select(n => n.Identifier.Text).ToHashSet();

    static bool IsCheck(MemberDeclarationSyntax member) =>
        member is GlobalStatementSyntax statement
        && statement.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call =>
            call.Expression is MemberAccessExpressionSyntax access && access.Expression.ToString() == QualifiedCheck);

    // A #r or #load line on the first statement is trivia of its first token: it stays in the setup before it.
    static int LeadingDirectivesEnd(SyntaxNode first)
    {
        var directives = first.GetLeadingTrivia().Where(t => t.IsDirective).ToList();
        return directives.Count == 0 ? first.FullSpan.Start : directives[^1].FullSpan.End;
    }

    static CompilationUnitSyntax Parse(string source) => SyntaxFactory.ParseCompilationUnit(source, options: ScriptOptions);

    static CompilationUnitSyntax Qualify(string source) => (CompilationUnitSyntax)new Qualifier().Visit(Parse(source));

    sealed class Qualifier : CSharpSyntaxRewriter
    {
        static readonly ExpressionSyntax Qualified = SyntaxFactory.ParseExpression(QualifiedCheck);

        public override SyntaxNode? VisitMemberAccessExpression(MemberAccessExpressionSyntax node)
        {
            if (CheckingApi.Spellings.Contains(node.Expression.WithoutTrivia().ToString()))
                return node.WithExpression(Qualified.WithTriviaFrom(node.Expression));
            return base.VisitMemberAccessExpression(node);
        }
    }
}

/// <summary>Which side of a check each part of its code is on: the names the key's notebook declares (code that
/// uses one, or a local of the check statement, is the student's side) and the setup variables only the key's side
/// uses (<see cref="CheckSplitter.ExpectedOnly"/>), which are the key's side.</summary>
public sealed record CheckSides(IReadOnlySet<string> NotebookNames, IReadOnlySet<string> ExpectedOnly)
{
    /// <summary>No names: every leaf that uses a name is the student's side.</summary>
    public static readonly CheckSides None = new(new HashSet<string>(), new HashSet<string>());

    /// <summary>The condition's tree and leaves (<see cref="Condition.Split"/>); a leaf is the student's side when it
    /// uses a name of the notebook that is not an expected-only variable, or a local declared in <paramref name="statement"/>.</summary>
    public (System.Text.Json.Nodes.JsonNode Tree, IReadOnlyList<Condition.Leaf> Leaves) Split(ExpressionSyntax condition, SyntaxNode statement)
    {
        var locals = statement.DescendantNodes().SelectMany(CheckSplitter.DeclaredBy).ToHashSet();
        bool IsActual(ExpressionSyntax leaf) => CheckSplitter.FreeNames(leaf)
            .Any(n => (NotebookNames.Contains(n) || locals.Contains(n)) && !ExpectedOnly.Contains(n));
        return Condition.Split(condition, IsActual, new HashSet<string>(NotebookNames));
    }
}
