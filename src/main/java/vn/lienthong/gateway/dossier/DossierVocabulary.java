package vn.lienthong.gateway.dossier;

import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import vn.lienthong.gateway.catalogue.CatalogueIndex;
import vn.lienthong.gateway.catalogue.ProcedureCatalogue;
import vn.lienthong.gateway.catalogue.Resolution;
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

    private final MappingTable statuses;
    private final MappingTable channels;
    private final MappingTable applicantTypes;
    private final Set<String> provinces;
    private final RecordTemplate record;
    private final RecordTemplate progress;
    private final ProcedureCatalogue catalogue;
    private final CatalogueIndex pinned;

    private DossierVocabulary(Mappings m, ProcedureCatalogue catalogue) {
        this.catalogue = catalogue;
        this.pinned = null;
        this.statuses = m.table(STATUS);
        this.channels = m.table(CHANNELS);
        this.applicantTypes = m.table(APPLICANT_TYPES);
        this.provinces = m.table(PROVINCES).byKey().keySet();
        for (MappingEntry e : statuses.entries()) {
            int code = e.requireInt("portalStatus");
            if (code < 1 || code > 10) {
                throw new MappingException(statuses.file(), e.line(), "portalStatus " + code + " is not a portal status (1-10)");
            }
        }
        for (MappingEntry e : applicantTypes.entries()) {
            String id = e.string("identifier");
            if (id != null && !Set.of("personalId", "enterpriseCode").contains(id)) {
                throw new MappingException(applicantTypes.file(), e.line(), "identifier must be personalId or enterpriseCode");
            }
        }
        DateTimeFormatter portalTime = PortalProtocol.from(m).dateTime();
        Map<String, DateTimeFormatter> formats = Map.of("portal-datetime", portalTime);
        this.record = RecordTemplate.compile(m.table(RECORD_TEMPLATE), m, formats);
        this.progress = RecordTemplate.compile(m.table(PROGRESS_TEMPLATE), m, formats);
    }

    private DossierVocabulary(DossierVocabulary v, CatalogueIndex pinned) {
        this.statuses = v.statuses;
        this.channels = v.channels;
        this.applicantTypes = v.applicantTypes;
        this.provinces = v.provinces;
        this.record = v.record;
        this.progress = v.progress;
        this.catalogue = v.catalogue;
        this.pinned = pinned;
    }

    /** The start-up and reload check (no catalogue: procedure codes cannot be resolved with it). */
    public static DossierVocabulary from(Mappings m) {
        return new DossierVocabulary(m, null);
    }

    public static DossierVocabulary from(Mappings m, ProcedureCatalogue catalogue) {
        return new DossierVocabulary(m, catalogue);
    }

    /** This vocabulary with the catalogue's current snapshot fixed, so a request's checks and record agree. */
    public DossierVocabulary pinned() {
        return new DossierVocabulary(this, catalogue.index());
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
    public RecordTemplate recordTemplate() { return record; }
    public RecordTemplate progressTemplate() { return progress; }
}
