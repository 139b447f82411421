"""The base of Wagtail's image forms (WAGTAILIMAGES_IMAGE_FORM_BASE): a file that is not an image is a form error.

Wagtail 8.0 opens an upload with Willow, which recognises a format by its first bytes; its pixel-size
check then asks Pillow for the size and lets every error but a decompression bomb through. A file that
starts like an image and is not one ("GIF89a" and anything) raised UnidentifiedImageError: a 500 on
every image upload of the admin (add, multiple add, the chooser's upload). Here it is "not a valid image",
as Wagtail says for a file it does not recognise at all.
"""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class ReadableImageField(WagtailImageField):
    def check_image_pixel_size(self, f) -> None:
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except Exception as error:  # as Wagtail's own to_python: any decoder error means "not an image"
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if isinstance(field, WagtailImageField) and not isinstance(field, ReadableImageField):
            # Wagtail builds the field in its form factory, with no setting to name another class.
            self.fields["file"] = ReadableImageField(
                label=field.label, required=field.required, widget=field.widget, help_text=field.help_text
            )
