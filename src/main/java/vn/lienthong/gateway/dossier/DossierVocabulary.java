package vn.lienthong.gateway.dossier;

import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import vn.lienthong.gateway.catalogue.CatalogueIndex;
import vn.lienthong.gateway.catalogue.ProcedureCatalogue;
import vn.lienthong.gateway.catalogue.ProcedureMap;
import vn.lienthong.gateway.catalogue.Resolution;
import vn.lienthong.gateway.audit.NationalDataUse;
import vn.lienthong.gateway.mapping.MappingEntry;
import vn.lienthong.gateway.mapping.MappingException;
import vn.lienthong.gateway.mapping.MappingTable;
import vn.lienthong.gateway.mapping.Mappings;
import vn.lienthong.gateway.mapping.RecordTemplate;
import vn.lienthong.gateway.national.portal.PortalProtocol;

/**
 * The dossier-status flow's view of one mappings snapshot: the codes it accepts and the compiled portal
 * templates. Building it is the flow's start-up and reload check: a table that cannot serve fails here
 * with file, line and reason. Procedure codes are checked against the national procedure catalogue
 * ({@link #procedure}); {@link #pinned} fixes one snapshot of it for a request.
 */
public final class DossierVocabulary {
    public static final String STATUS = "dossier-status";
    public static final String CHANNELS = "channels";
    public static final String APPLICANT_TYPES = "applicant-types";
    public static final String PROVINCES = "province-codes";
    public static final String RECORD_TEMPLATE = "portal-dossier-record";
    public static final String PROGRESS_TEMPLATE = "portal-progress-entry";
    public static final String ONLINE_PAYMENT = "online-payment";
    public static final String RESULT_DELIVERY = "result-delivery";
    public static final String SUBMISSION_PLACES = "submission-places";
    public static final String DOCUMENT_REUSE = "document-reuse";
    public static final String FEE_KINDS = "fee-kinds";
    public static final String FEE_COLLECTION = "fee-collection";
    public static final String NATIONAL_DATABASES = "national-databases";
    public static final String TEXT_LIMITS = "portal-text-limits";
    /** The word tables of event fields other than status, channel and applicant type: field to table. */
    private static final Map<String, String> WORD_TABLES = Map.of("onlinePayment", ONLINE_PAYMENT,
            "resultDelivery", RESULT_DELIVERY, "submittedVia", SUBMISSION_PLACES, "documents[].reuse", DOCUMENT_REUSE,
            "fees[].kind", FEE_KINDS, "fees[].collection", FEE_COLLECTION);

    private final MappingTable statuses;
    private final MappingTable channels;
    private final MappingTable applicantTypes;
    private final Set<String> provinces;
    private final RecordTemplate record;
    private final RecordTemplate progress;
    private final ProcedureCatalogue catalogue;
    private final CatalogueIndex pinned;
    private final Map<String, MappingTable> words;
    private final Map<String, String> databaseCodes;
    private final PortalTextLimits textLimits;

    private DossierVocabulary(Mappings m, ProcedureCatalogue catalogue) {
        this.catalogue = catalogue;
        // without a catalogue (start-up check, unit tests) the seed procedures of procedures.yaml serve
        this.pinned = catalogue == null ? CatalogueIndex.seedOnly(ProcedureMap.from(m)) : null;
        this.statuses = m.table(STATUS);
        this.channels = m.table(CHANNELS);
        this.applicantTypes = m.table(APPLICANT_TYPES);
        this.provinces = m.table(PROVINCES).byKey().keySet();
        for (MappingEntry e : statuses.entries()) {
            int code = e.requireInt("portalStatus");
            if (code < 1 || code > 10) {
                throw new MappingException(statuses.file(), e.line(), "portalStatus " + code + " is not a portal status (1-10)");
            }
            if (e.has("progress") && !"always".equals(e.string("progress"))) {
                throw new MappingException(statuses.file(), e.line(), "progress is 'always' or left out");
            }
        }
        this.words = wordTables(m);
        this.databaseCodes = databaseCodes(m.table(NATIONAL_DATABASES));
        this.textLimits = PortalTextLimits.from(m.table(TEXT_LIMITS));
        for (MappingEntry e : applicantTypes.entries()) {
            String id = e.string("identifier");
            if (id != null && !Set.of("personalId", "enterpriseCode").contains(id)) {
                throw new MappingException(applicantTypes.file(), e.line(), "identifier must be personalId or enterpriseCode");
            }
        }
        DateTimeFormatter portalTime = PortalProtocol.from(m).dateTime();
        Map<String, DateTimeFormatter> formats = Map.of("portal-datetime", portalTime);
        this.record = RecordTemplate.compileAsText(m.table(RECORD_TEMPLATE), m, formats);
        this.progress = RecordTemplate.compileAsText(m.table(PROGRESS_TEMPLATE), m, formats);
    }

    private static Map<String, MappingTable> wordTables(Mappings m) {
        Map<String, MappingTable> w = new LinkedHashMap<>();
        WORD_TABLES.forEach((field, table) -> {
            MappingTable t = m.table(table);
            t.entries().forEach(e -> e.requireString("portalCode"));
            w.put(field, t);
        });
        return Map.copyOf(w);
    }

    /** The national databases with a portal code, in the table's order; one without a code is not reported. */
    private static Map<String, String> databaseCodes(MappingTable table) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (MappingEntry e : table.entries()) {
            String system = e.requireString("system");
            if (!NationalDataUse.SYSTEMS.contains(system)) {
                throw new MappingException(e.file(), e.line(), "unknown system '" + system + "' (known: " + NationalDataUse.SYSTEMS + ")");
            }
            if (e.has("portalCode")) {
                codes.put(system, e.requireString("portalCode"));
            }
        }
        return Collections.unmodifiableMap(codes);
    }

    private DossierVocabulary(DossierVocabulary v, CatalogueIndex pinned) {
        this.statuses = v.statuses;
        this.channels = v.channels;
        this.applicantTypes = v.applicantTypes;
        this.provinces = v.provinces;
        this.record = v.record;
        this.progress = v.progress;
        this.words = v.words;
        this.databaseCodes = v.databaseCodes;
        this.textLimits = v.textLimits;
        this.catalogue = v.catalogue;
        this.pinned = pinned;
    }

    /** The start-up and reload check, and unit tests: procedure codes resolve against procedures.yaml's seed only. */
    public static DossierVocabulary from(Mappings m) {
        return new DossierVocabulary(m, null);
    }

    public static DossierVocabulary from(Mappings m, ProcedureCatalogue catalogue) {
        return new DossierVocabulary(m, catalogue);
    }

    /** This vocabulary with the catalogue's current snapshot fixed, so a request's checks and record agree. */
    public DossierVocabulary pinned() {
        return catalogue == null ? this : new DossierVocabulary(this, catalogue.index());
    }

    /** What the national procedure catalogue says about a procedure code (mapped, as is, or by its national part). */
    public Resolution procedure(String code) {
        return (pinned != null ? pinned : catalogue.index()).resolve(code);
    }

    public boolean knownStatus(String s) { return statuses.find(s).isPresent(); }
    public boolean opensDossier(String s) { return statuses.find(s).map(e -> e.bool("create")).orElse(false); }
    public boolean knownChannel(String c) { return channels.find(c).isPresent(); }
    public boolean knownApplicantType(String t) { return applicantTypes.find(t).isPresent(); }
    public String requiredIdentifier(String applicantType) {
        return applicantTypes.find(applicantType).map(e -> e.string("identifier")).orElse(null);
    }
    public Set<String> provinces() { return provinces; }
    public Set<String> statuses() { return statuses.byKey().keySet().stream().collect(Collectors.toCollection(java.util.TreeSet::new)); }
    public Set<String> channels() { return channels.byKey().keySet(); }
    public Set<String> applicantTypes() { return applicantTypes.byKey().keySet(); }
    /** Whether an event with this status word always sends a progress entry, with or without a step. */
    public boolean alwaysInTimeline(String s) { return statuses.find(s).map(e -> e.has("progress")).orElse(false); }
    /** The table of words of an event field ({@code onlinePayment}, {@code fees[].kind}, …), or null. */
    public MappingTable words(String field) { return words.get(field); }
    /** MaCSDL of each national database the portal is told about, in the table's order. */
    public Map<String, String> databaseCodes() { return databaseCodes; }
    public PortalTextLimits textLimits() { return textLimits; }
    public RecordTemplate recordTemplate() { return record; }
    public RecordTemplate progressTemplate() { return progress; }
}
