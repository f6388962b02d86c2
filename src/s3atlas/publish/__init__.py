"""Publishing: the static site, the region report and the embeddable ecosystem map."""

from s3atlas.publish.site import SiteExport, export_site, languages_for

__all__ = ["SiteExport", "export_site", "languages_for"]
