"""The DCAT-AP-SE catalogue of the public datasets, for dataportal.se to harvest (RDF/XML; Turtle for people).

rdflib writes the RDF: the escaping of names, languages and URIs is its business, not a template's.
"""

from django.conf import settings
from django.urls import reverse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from .datasets import DATASETS

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
LOCAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
GOVERNMENT = URIRef(f"{EU}data-theme/GOVE")
PUBLIC = URIRef(f"{EU}access-right/PUBLIC")
LANGUAGES = [URIRef(f"{EU}language/SWE"), URIRef(f"{EU}language/ENG")]
# (file extension in the URL name, IANA media type, EU file type)
FORMATS = [("json", "application/json", "JSON"), ("csv", "text/csv", "CSV")]


def url(name: str) -> URIRef:
    """Absolute addresses from SITE_URL, never from the request's Host: the answer is cached for every visitor."""
    return URIRef(settings.SITE_URL.rstrip("/") + reverse(name))


def both(graph: Graph, subject, predicate, sv: str, en: str) -> None:
    graph.add((subject, predicate, Literal(sv, lang="sv")))
    graph.add((subject, predicate, Literal(en, lang="en")))


def publisher(graph: Graph, municipality):
    """The municipality (organisation.get_municipality) as a foaf:Agent of the local-authority kind."""
    agent = URIRef(municipality.website) if municipality.website else BNode()
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, Literal(municipality.name, lang="sv")))
    graph.add((agent, DCTERMS.type, LOCAL_AUTHORITY))
    return agent


def contact(graph: Graph, municipality):
    """A function's address (OPEN_DATA_CONTACT_EMAIL), never a person's; the municipality's website otherwise."""
    point = BNode()
    graph.add((point, RDF.type, VCARD.Organization))
    graph.add((point, VCARD.fn, Literal(municipality.name if municipality else "")))
    if settings.OPEN_DATA_CONTACT_EMAIL:
        graph.add((point, VCARD.hasEmail, URIRef(f"mailto:{settings.OPEN_DATA_CONTACT_EMAIL}")))
    if municipality and municipality.website:
        graph.add((point, VCARD.hasURL, URIRef(municipality.website)))
    return point


def distribution(graph: Graph, dataset, extension: str, media_type: str, file_type: str, licence):
    address = url(f"opendata:{dataset.key}_{extension}")
    node = URIRef(f"{address}#distribution")
    graph.add((node, RDF.type, DCAT.Distribution))
    both(graph, node, DCTERMS.title, f"{dataset.title_sv} ({file_type})", f"{dataset.title_en} ({file_type})")
    graph.add((node, DCAT.accessURL, address))
    graph.add((node, DCAT.downloadURL, address))
    graph.add((node, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
    graph.add((node, DCTERMS["format"], URIRef(f"{EU}file-type/{file_type}")))
    graph.add((node, DCTERMS.license, licence))
    return node


def graph(municipality) -> Graph:
    """The catalogue: one dcat:Dataset per public dataset, one dcat:Distribution per format."""
    g = Graph()
    g.bind("dcat", DCAT)
    g.bind("dcterms", DCTERMS)
    g.bind("foaf", FOAF)
    g.bind("vcard", VCARD)
    licence = URIRef(settings.OPEN_DATA_LICENCE)
    home = url("opendata:index")
    fields = url("opendata:fields")
    catalog = url("opendata:catalogue_rdf")
    g.add((catalog, RDF.type, DCAT.Catalog))
    name = municipality.name if municipality else ""
    both(g, catalog, DCTERMS.title, f"Internationellt samarbete – {name}", f"International cooperation – {name}")
    both(
        g,
        catalog,
        DCTERMS.description,
        "Öppna data om kommunens internationella samarbete: vänorter och partnerstäder, medlemskap och projekt.",
        "Open data on the municipality's international cooperation: twin towns and partner cities, memberships "
        "and projects.",
    )
    g.add((catalog, FOAF.homepage, home))
    g.add((catalog, DCTERMS.license, licence))
    for language in LANGUAGES:
        g.add((catalog, DCTERMS.language, language))
    agent = publisher(g, municipality) if municipality else None
    if agent is not None:
        g.add((catalog, DCTERMS.publisher, agent))
    point = contact(g, municipality)
    for dataset in DATASETS:
        node = URIRef(f"{fields}#{dataset.slug}")  # the fields page has a section for each dataset
        g.add((catalog, DCAT.dataset, node))
        g.add((node, RDF.type, DCAT.Dataset))
        both(g, node, DCTERMS.title, dataset.title_sv, dataset.title_en)
        both(g, node, DCTERMS.description, dataset.description_sv, dataset.description_en)
        if agent is not None:
            g.add((node, DCTERMS.publisher, agent))
        g.add((node, DCAT.contactPoint, point))
        g.add((node, DCAT.theme, GOVERNMENT))
        g.add((node, DCTERMS.accessRights, PUBLIC))
        g.add((node, DCAT.landingPage, home))
        g.add((node, FOAF.page, fields))
        for extension, media_type, file_type in FORMATS:
            g.add((node, DCAT.distribution, distribution(g, dataset, extension, media_type, file_type, licence)))
    return g
